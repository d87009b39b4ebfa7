package org.virtguard.exposure;

import java.util.List;

import org.virtguard.model.Severity;

/**
 * A vendor advisory mapping a product's releases to fixed builds, with the source it was taken from.
 *
 * @param id        advisory id, e.g. {@code VMSA-2025-0004}
 * @param title     one line for people
 * @param product   {@code esxi}, {@code vcenter}, {@code qemu} or {@code libvirt}
 * @param cves      the CVEs it fixes
 * @param severity  the vendor's severity
 * @param vmEscape  whether exploitation lets a guest break out to the host
 * @param sources   where the data was taken from (advisory pages, NVD records, commits)
 * @param note      caveats for people (distribution backports, workarounds), or {@code null}
 * @param affected  affected release lines
 */
public record Advisory(String id, String title, String product, List<String> cves, Severity severity,
                       boolean vmEscape, List<String> sources, String note, List<AffectedLine> affected) {
}
