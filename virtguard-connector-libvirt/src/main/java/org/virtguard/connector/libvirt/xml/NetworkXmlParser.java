package org.virtguard.connector.libvirt.xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.model.Collected;
import org.virtguard.model.L2SecurityPolicy;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.Setting;
import org.virtguard.model.SettingType;
import org.virtguard.model.VlanConfig;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.virtguard.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Turns libvirt network XML ({@code virsh net-dumpxml}) into a {@link Network}. The forward mode is
 * {@code nat} for a {@code <forward>} without mode and {@code isolated} without {@code <forward>}. Every
 * {@code <ip>} becomes a CIDR range. Port groups are reported as settings: {@code portgroups} (their names),
 * {@code portgroup.NAME.vlan} and {@code portgroup.NAME.default}.
 */
public final class NetworkXmlParser {

    private NetworkXmlParser() {
    }

    /** The id of the network {@code name} on host {@code hostId}. */
    public static String networkId(String hostId, String name) {
        return hostId + "/network/" + name;
    }

    public static Network parse(byte[] xml, XmlOrigin origin, String hostId, boolean active) throws ConnectorException {
        return parse(LibvirtXml.read(xml, origin, SafeXml.defaults()), origin, hostId, active);
    }

    public static Network parse(String xml, XmlOrigin origin, String hostId, boolean active) throws ConnectorException {
        return parse(xml.getBytes(StandardCharsets.UTF_8), origin, hostId, active);
    }

    /** Maps a parsed document whose root must be {@code <network>}. */
    public static Network parse(Document doc, XmlOrigin origin, String hostId, boolean active) throws ConnectorException {
        Element net = LibvirtXml.requireRoot(doc, origin, "network");
        String name = Dom.childText(net, "name");
        if (name == null) {
            throw LibvirtXml.invalid(origin, "<name>", "missing");
        }
        Element forward = Dom.child(net, "forward");
        String forwardMode = forward == null ? "isolated" : DeviceParser.orDefault(Dom.attrOrNull(forward, "mode"), "nat");
        String bridge = Dom.childAttr(net, "bridge", "name");
        VlanConfig vlan = VlanParser.parse(Dom.child(net, "vlan"), origin, "<vlan>");

        List<String> ranges = new ArrayList<>();
        boolean dhcp = false;
        for (Element ip : Dom.children(net, "ip")) {
            String cidr = Cidr.of(Dom.attrOrNull(ip, "address"), Dom.attrOrNull(ip, "netmask"),
                    Dom.attrOrNull(ip, "prefix"));
            if (cidr == null) {
                throw LibvirtXml.invalid(origin, "<ip address='" + Dom.attr(ip, "address") + "'>",
                        "not an IP address with a valid netmask or prefix");
            }
            ranges.add(cidr);
            dhcp |= Dom.child(ip, "dhcp") != null;
        }

        Map<String, Setting> settings = new LinkedHashMap<>();
        put(settings, Setting.ofString("forward.mode", forwardMode));
        String forwardDev = Dom.attrOrNull(forward, "dev");
        if (forwardDev != null) {
            put(settings, Setting.ofString("forward.dev", forwardDev));
        }
        put(settings, Setting.ofBoolean("dhcp.enabled", dhcp));
        String uuid = Dom.childText(net, "uuid");
        if (uuid != null) {
            put(settings, Setting.ofString("uuid", uuid));
        }
        String trust = Dom.attrOrNull(net, "trustGuestRxFilters");
        if (trust != null) {
            put(settings, Setting.ofString("trustGuestRxFilters", trust));
        }
        portgroups(net, origin, settings);

        return new Network(networkId(hostId, name), hostId, name, NetworkKind.LIBVIRT_NETWORK, bridge, forwardMode,
                bridge, Collected.of(vlan), ranges, L2SecurityPolicy.notCollected(
                        "libvirt networks have no layer-2 security policy; NIC traffic filters apply instead"),
                active, settings);
    }

    private static void portgroups(Element net, XmlOrigin origin, Map<String, Setting> settings)
            throws ConnectorException {
        List<String> names = new ArrayList<>();
        for (Element pg : Dom.children(net, "portgroup")) {
            String name = Dom.attrOrNull(pg, "name");
            if (name == null) {
                continue;
            }
            names.add(name);
            VlanConfig vlan = VlanParser.parse(Dom.child(pg, "vlan"), origin, "<portgroup name='" + name + "'> <vlan>");
            put(settings, Setting.ofString("portgroup." + name + ".vlan", describe(vlan)));
            put(settings, Setting.ofBoolean("portgroup." + name + ".default", "yes".equals(Dom.attr(pg, "default"))));
        }
        if (!names.isEmpty()) {
            put(settings, Setting.of("portgroups", SettingType.LIST, String.join(",", names)));
        }
    }

    static String describe(VlanConfig vlan) {
        return switch (vlan.mode()) {
            case NONE -> "none";
            case ACCESS -> "access " + vlan.ids().get(0);
            default -> vlan.mode().name().toLowerCase(java.util.Locale.ROOT) + " " + vlan.ids();
        };
    }

    private static void put(Map<String, Setting> settings, Setting s) {
        settings.put(s.key(), s);
    }
}
