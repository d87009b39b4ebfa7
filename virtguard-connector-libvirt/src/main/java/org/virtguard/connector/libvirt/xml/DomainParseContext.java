package org.virtguard.connector.libvirt.xml;

import java.util.Objects;

/**
 * What the domain parser needs besides the XML.
 *
 * @param origin            where the XML came from, for messages
 * @param hostId            the id of the host the domain belongs to
 * @param filters           resolves NIC traffic filters to the protections they give
 * @param passwordsIncluded whether the XML was produced with security info (console {@code passwd} kept), so
 *                          that a missing {@code passwd} means "no password"; otherwise password presence is
 *                          reported as not collected
 * @param addressesReason   why guest IP addresses are not collected, until a live reader fills them in
 */
public record DomainParseContext(XmlOrigin origin, String hostId, FilterResolver filters, boolean passwordsIncluded,
                                 String addressesReason) {

    public DomainParseContext {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(filters, "filters");
        addressesReason = addressesReason == null ? "guest addresses are not part of the domain XML" : addressesReason;
    }

    /** A context for a standalone file: passwords assumed included, libvirt's stock filters assumed. */
    public static DomainParseContext forFile(String fileName, String hostId) {
        return new DomainParseContext(XmlOrigin.file(fileName), hostId, FilterResolver.stockOnly(), true, null);
    }

    public DomainParseContext withOrigin(XmlOrigin newOrigin) {
        return new DomainParseContext(newOrigin, hostId, filters, passwordsIncluded, addressesReason);
    }
}
