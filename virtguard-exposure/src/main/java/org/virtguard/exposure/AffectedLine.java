package org.virtguard.exposure;

/**
 * Which releases of a product an advisory affects, for one release line.
 *
 * <p>For products with build numbers (ESXi, vCenter): hosts whose version lies in {@code line} and whose build
 * is below {@code fixedBuild} are affected; without a {@code fixedBuild} the line has no fix. For products
 * identified by version (QEMU, libvirt): versions in {@code line} up to and including {@code affectedUpTo}
 * are affected.
 *
 * @param line          version prefix, e.g. {@code 8.0.3}, {@code 8.0}, {@code 7.0}; empty for every version
 * @param fixedBuild    first fixed build, or {@code null}
 * @param affectedUpTo  last affected version, or {@code null}
 * @param fixedRelease  what to install, for people, e.g. {@code ESXi 8.0 Update 3d (build 24585383)}
 */
public record AffectedLine(String line, Long fixedBuild, String affectedUpTo, String fixedRelease) {
}
