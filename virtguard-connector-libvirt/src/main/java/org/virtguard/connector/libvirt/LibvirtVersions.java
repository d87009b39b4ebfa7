package org.virtguard.connector.libvirt;

/** libvirt encodes versions as {@code major * 1,000,000 + minor * 1,000 + release}. */
final class LibvirtVersions {

    private LibvirtVersions() {
    }

    static String format(long encoded) {
        if (encoded < 0) {
            return null;
        }
        return (encoded / 1_000_000) + "." + (encoded / 1_000 % 1_000) + "." + (encoded % 1_000);
    }
}
