package org.virtguard.connector.libvirt.xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.virtguard.model.TrafficFilterDefinition;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.virtguard.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Turns libvirt nwfilter XML ({@code virsh nwfilter-dumpxml}) into a {@link TrafficFilterDefinition}: name,
 * chain ({@code root} when absent), the filters it includes with {@code <filterref>} and the number of its own
 * rules.
 */
public final class NwfilterXmlParser {

    private NwfilterXmlParser() {
    }

    public static TrafficFilterDefinition parse(byte[] xml, XmlOrigin origin, String hostId) throws ConnectorException {
        return parse(LibvirtXml.read(xml, origin, SafeXml.defaults()), origin, hostId);
    }

    public static TrafficFilterDefinition parse(String xml, XmlOrigin origin, String hostId) throws ConnectorException {
        return parse(xml.getBytes(StandardCharsets.UTF_8), origin, hostId);
    }

    /** Maps a parsed document whose root must be {@code <filter>}. */
    public static TrafficFilterDefinition parse(Document doc, XmlOrigin origin, String hostId)
            throws ConnectorException {
        Element filter = LibvirtXml.requireRoot(doc, origin, "filter");
        String name = Dom.attrOrNull(filter, "name");
        if (name == null) {
            throw LibvirtXml.invalid(origin, "<filter name>", "missing");
        }
        List<String> includes = new ArrayList<>();
        for (Element ref : Dom.children(filter, "filterref")) {
            String included = Dom.attrOrNull(ref, "filter");
            if (included == null) {
                throw LibvirtXml.invalid(origin, "<filterref filter>", "missing in filter " + name);
            }
            includes.add(included);
        }
        return new TrafficFilterDefinition(name, hostId, DeviceParser.orDefault(Dom.attrOrNull(filter, "chain"), "root"),
                includes, Dom.children(filter, "rule").size());
    }
}
