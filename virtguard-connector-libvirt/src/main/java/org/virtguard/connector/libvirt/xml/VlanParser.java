package org.virtguard.connector.libvirt.xml;

import java.util.ArrayList;
import java.util.List;

import org.virtguard.model.VlanConfig;
import org.virtguard.model.VlanMode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * Reads a libvirt {@code <vlan>} element: one tag is an access VLAN; {@code trunk='yes'} or several tags make
 * a trunk. No element means untagged.
 */
final class VlanParser {

    private VlanParser() {
    }

    static VlanConfig parse(Element vlan, XmlOrigin origin, String field) throws ConnectorException {
        if (vlan == null) {
            return VlanConfig.none();
        }
        List<Integer> ids = new ArrayList<>();
        for (Element tag : Dom.children(vlan, "tag")) {
            Integer id = Numbers.parseInt(Dom.attr(tag, "id"), origin, field + " tag id");
            if (id != null) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return VlanConfig.none();
        }
        boolean trunk = "yes".equals(Dom.attr(vlan, "trunk")) || ids.size() > 1;
        return new VlanConfig(trunk ? VlanMode.TRUNK : VlanMode.ACCESS, ids, List.of());
    }
}
