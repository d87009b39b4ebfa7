package org.virtguard.connector.libvirt.xml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.virtguard.model.Collected;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.TrafficFilterRef;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/** Reads a domain's {@code <interface>} elements into vNICs. */
final class InterfaceParser {

    private InterfaceParser() {
    }

    static List<VirtualNic> parse(Element devices, String vmId, DomainParseContext ctx, List<String> issues)
            throws ConnectorException {
        List<VirtualNic> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (Element e : Dom.children(devices, "interface")) {
            String mac = Dom.childAttr(e, "mac", "address");
            mac = mac == null ? null : mac.toLowerCase(Locale.ROOT);
            String id = VirtualNic.idFor(vmId, mac, index);
            if (!ids.add(id)) {
                issues.add("interface " + index + ": MAC " + mac + " is used by more than one interface");
                id = VirtualNic.idFor(vmId, null, index);
                ids.add(id);
            }
            out.add(nic(e, id, vmId, mac, index, ctx));
            index++;
        }
        return out;
    }

    private static VirtualNic nic(Element e, String id, String vmId, String mac, int index, DomainParseContext ctx)
            throws ConnectorException {
        String type = DeviceParser.orDefault(Dom.attrOrNull(e, "type"), "?");
        Element source = Dom.child(e, "source");
        NicAttachment attachment = attachment(type);
        String networkName = null;
        String switchName = null;
        String sourceDevice = null;
        String sourceMode = null;
        switch (attachment) {
            case NETWORK -> {
                networkName = Dom.attrOrNull(source, "network");
                switchName = Dom.attrOrNull(source, "bridge");
            }
            case BRIDGE -> switchName = Dom.attrOrNull(source, "bridge");
            case DIRECT -> {
                sourceDevice = Dom.attrOrNull(source, "dev");
                sourceMode = DeviceParser.orDefault(Dom.attrOrNull(source, "mode"), "vepa");
            }
            case HOSTDEV -> sourceDevice = hostdevSource(source);
            case VHOST_USER -> {
                sourceDevice = Dom.attrOrNull(source, "path");
                sourceMode = Dom.attrOrNull(source, "mode");
            }
            default -> sourceDevice = Dom.attrOrNull(source, "dev");
        }
        String label = "interface " + (mac != null ? mac : "#" + index);
        Collected<org.virtguard.model.VlanConfig> vlan =
                Collected.of(VlanParser.parse(Dom.child(e, "vlan"), ctx.origin(), label + " <vlan>"));
        TrafficFilterRef filter = filterRef(Dom.child(e, "filterref"), ctx);
        boolean connected = !"down".equals(Dom.childAttr(e, "link", "state"));
        return new VirtualNic(id, vmId, mac, attachment, networkName, switchName, sourceDevice, sourceMode, vlan,
                Dom.childAttr(e, "model", "type"), Dom.childAttr(e, "target", "dev"), filter,
                Collected.notCollected(ctx.addressesReason()), connected);
    }

    static NicAttachment attachment(String type) {
        return switch (type) {
            case "network" -> NicAttachment.NETWORK;
            case "bridge" -> NicAttachment.BRIDGE;
            case "direct" -> NicAttachment.DIRECT;
            case "ethernet" -> NicAttachment.ETHERNET;
            case "user" -> NicAttachment.USER;
            case "vhostuser" -> NicAttachment.VHOST_USER;
            case "hostdev" -> NicAttachment.HOSTDEV;
            default -> NicAttachment.OTHER;
        };
    }

    private static String hostdevSource(Element source) {
        Element address = Dom.child(source, "address");
        if (address == null) {
            return null;
        }
        String type = DeviceParser.orDefault(Dom.attrOrNull(address, "type"), "pci");
        if ("pci".equals(type)) {
            return DeviceParser.pciAddress(address);
        }
        return type + ":" + Dom.attr(address, "bus") + ":" + Dom.attr(address, "device");
    }

    private static TrafficFilterRef filterRef(Element ref, DomainParseContext ctx) {
        if (ref == null) {
            return null;
        }
        String name = Dom.attrOrNull(ref, "filter");
        if (name == null) {
            return null;
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Element p : Dom.children(ref, "parameter")) {
            String key = Dom.attrOrNull(p, "name");
            if (key != null) {
                params.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(DeviceParser.orDefault(Dom.attr(p, "value"), ""));
            }
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return new TrafficFilterRef(name, params, ctx.filters().protections(name));
    }
}
