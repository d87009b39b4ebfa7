package org.virtguard.connector.libvirt.xml;

import java.util.Objects;

/**
 * Where a piece of XML came from, for error messages: a file name ({@code web01.xml}) or a live object
 * ({@code domain web01 on kvm01}).
 *
 * @param sourceId the configured source it belongs to, or {@code null} outside any source
 * @param label    the file name or object description used as the first word of every message
 */
public record XmlOrigin(String sourceId, String label) {

    public XmlOrigin {
        Objects.requireNonNull(label, "label");
    }

    /** An origin for a file read outside any configured source. */
    public static XmlOrigin file(String fileName) {
        return new XmlOrigin(null, fileName);
    }

    @Override
    public String toString() {
        return label;
    }
}
