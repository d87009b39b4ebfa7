package org.virtguard.exposure.vmware;

import java.time.LocalDate;

/**
 * One ESXi or vCenter build as a build table lists it.
 *
 * @param product     {@code esxi} or {@code vcenter}
 * @param line        the release line, e.g. {@code 6.5}
 * @param build       the build number
 * @param name        the release name, e.g. {@code ESXi 6.5 Update 1}
 * @param update      its update level
 * @param bulletin    the patch bulletin, e.g. {@code ESXi650-201912001}, or {@code null}
 * @param releaseDate when VMware released it, or {@code null}
 * @param source      the table it came from
 */
public record VmwareBuild(String product, String line, long build, String name, UpdateLevel update, String bulletin,
                         LocalDate releaseDate, String source) {
}
