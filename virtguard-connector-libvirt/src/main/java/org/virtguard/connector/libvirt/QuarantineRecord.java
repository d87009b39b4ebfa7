package org.virtguard.connector.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.virtguard.connector.libvirt.xml.LibvirtXml;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * What a quarantine by filter replaced, kept in the domain's own {@code <metadata>} (once for the live domain, once
 * for its persistent config) so that a release restores it exactly, whatever happened to VirtGuard's store meanwhile:
 * <pre>{@code
 * <quarantine xmlns="https://virtguard.org/xmlns/quarantine/1" filter="virtguard-quarantine">
 *   <nic mac="52:54:00:aa:bb:01"><filterref filter="clean-traffic"><parameter name="IP" value="10.0.0.5"/></filterref></nic>
 *   <nic mac="52:54:00:aa:bb:02"/>     (it had no filter)
 * </quarantine>}</pre>
 *
 * @param filter the drop-all filter the quarantine applied
 * @param before each quarantined vNIC's previous filter by lower-case MAC; an empty value for a vNIC that had none
 */
record QuarantineRecord(String filter, Map<String, Optional<NicFilter>> before) {

    /** The metadata namespace. */
    static final String NAMESPACE = "https://virtguard.org/xmlns/quarantine/1";
    /** The prefix libvirt writes the element with. */
    static final String KEY = "vgq";
    private static final int MAX_CHARS = 1_000_000;

    QuarantineRecord {
        before = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(before));
    }

    /**
     * Parses the metadata element as {@code virDomainGetMetadata} returns it for {@link #NAMESPACE} (libvirt strips
     * the namespace); {@code origin} names the domain and scope for errors.
     */
    static QuarantineRecord parse(String xml, XmlOrigin origin) throws ConnectorException {
        if (xml.length() > MAX_CHARS) {
            throw invalid(origin, "larger than " + MAX_CHARS + " characters");
        }
        Element root = LibvirtXml.read(xml, origin).getDocumentElement();
        String ns = root.getNamespaceURI();
        if (!"quarantine".equals(Dom.localName(root)) || (ns != null && !NAMESPACE.equals(ns))) {
            throw invalid(origin, "not a VirtGuard quarantine record");
        }
        String filter = Dom.attrOrNull(root, "filter");
        if (filter == null || filter.isBlank()) {
            throw invalid(origin, "no filter attribute");
        }
        Map<String, Optional<NicFilter>> before = new LinkedHashMap<>();
        for (Element nic : Dom.childrenByLocalName(root, "nic")) {
            String mac = Dom.attrOrNull(nic, "mac");
            if (mac == null) {
                throw invalid(origin, "a nic without a mac");
            }
            Element ref = Dom.childByLocalName(nic, "filterref");
            NicFilter f = null;
            if (ref != null) {
                String name = Dom.attrOrNull(ref, "filter");
                if (name == null) {
                    throw invalid(origin, "a filterref without a filter for NIC " + mac);
                }
                List<NicFilter.Parameter> params = new ArrayList<>();
                for (Element p : Dom.childrenByLocalName(ref, "parameter")) {
                    String n = Dom.attrOrNull(p, "name");
                    String v = Dom.attrOrNull(p, "value");
                    if (n == null || v == null) {
                        throw invalid(origin, "a parameter without name or value for NIC " + mac);
                    }
                    params.add(new NicFilter.Parameter(n, v));
                }
                f = new NicFilter(name, params);
            }
            before.put(mac.toLowerCase(Locale.ROOT), Optional.ofNullable(f));
        }
        return new QuarantineRecord(filter, before);
    }

    /** The record as the XML element handed to {@code virDomainSetMetadata}. */
    String toXml() {
        StringBuilder out = new StringBuilder("<quarantine xmlns=\"").append(NAMESPACE).append("\" filter=\"")
                .append(escape(filter)).append("\">");
        before.forEach((mac, f) -> {
            out.append("<nic mac=\"").append(escape(mac)).append('"');
            if (f.isEmpty()) {
                out.append("/>");
                return;
            }
            out.append("><filterref filter=\"").append(escape(f.get().filter())).append("\">");
            for (NicFilter.Parameter p : f.get().parameters()) {
                out.append("<parameter name=\"").append(escape(p.name())).append("\" value=\"")
                        .append(escape(p.value())).append("\"/>");
            }
            out.append("</filterref></nic>");
        });
        return out.append("</quarantine>").toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static ConnectorException invalid(XmlOrigin origin, String why) {
        return new ConnectorException(ErrorCode.INVALID_INPUT, origin.sourceId(),
                origin.label() + ": unreadable VirtGuard quarantine record in the domain's metadata: " + why);
    }
}
