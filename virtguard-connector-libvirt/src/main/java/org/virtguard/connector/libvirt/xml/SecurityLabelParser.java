package org.virtguard.connector.libvirt.xml;

import java.util.ArrayList;
import java.util.List;

import org.virtguard.model.SecurityLabel;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * Reads a domain's top-level {@code <seclabel>} elements. A missing {@code type} is libvirt's default,
 * {@code dynamic}; a missing {@code relabel} defaults to yes for dynamic labels and no otherwise.
 */
final class SecurityLabelParser {

    private SecurityLabelParser() {
    }

    static List<SecurityLabel> parse(Element domain) {
        List<SecurityLabel> out = new ArrayList<>();
        for (Element s : Dom.children(domain, "seclabel")) {
            String type = DeviceParser.orDefault(Dom.attrOrNull(s, "type"), "dynamic");
            String relabelAttr = Dom.attrOrNull(s, "relabel");
            boolean relabel = relabelAttr == null ? "dynamic".equals(type) : "yes".equals(relabelAttr);
            out.add(new SecurityLabel(Dom.attrOrNull(s, "model"), type, relabel, Dom.childText(s, "label"),
                    Dom.childText(s, "imagelabel")));
        }
        return out;
    }
}
