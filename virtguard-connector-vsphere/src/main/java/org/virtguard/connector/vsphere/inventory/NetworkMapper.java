package org.virtguard.connector.vsphere.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.model.Collected;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.SettingType;
import org.virtguard.model.VlanConfig;
import org.virtguard.model.VlanMode;
import org.w3c.dom.Element;

/** Maps standard port groups (per host) and distributed port groups into {@link Network}s. */
final class NetworkMapper {

    private final VsphereIds ids;

    NetworkMapper(VsphereIds ids) {
        this.ids = ids;
    }

    /** The standard port groups of one host, with their effective security policy. */
    List<Network> standardPortGroups(ObjectContent host) {
        Map<String, Element> switchSecurity = new HashMap<>();
        for (Element vs : Xml.children(host.get("config.network.vswitch"))) {
            switchSecurity.put(Xml.text(vs, "name"), Xml.path(vs, "spec.policy.security"));
        }
        List<Network> out = new ArrayList<>();
        String hostId = ids.of(host.obj());
        for (Element pg : Xml.children(host.get("config.network.portgroup"))) {
            String name = Xml.text(pg, "spec.name");
            if (name == null || name.isEmpty()) {
                continue;
            }
            String vswitch = Xml.text(pg, "spec.vswitchName");
            Element computed = Xml.path(pg, "computedPolicy.security");
            var policy = computed != null ? SecurityPolicies.standard(computed, "not reported by the host")
                    : SecurityPolicies.effective(Xml.path(pg, "spec.policy.security"), switchSecurity.get(vswitch));
            Long vlanId = Xml.number(pg, "spec.vlanId");
            Collected<VlanConfig> vlan = vlanId == null ? Collected.notCollected("no VLAN reported")
                    : Collected.of(standardVlan(vlanId.intValue()));
            out.add(new Network(ids.standardPortGroup(host.obj(), name), hostId, name, NetworkKind.STANDARD_PORT_GROUP,
                    vswitch, null, null, vlan, List.of(), policy, true, Map.of()));
        }
        return out;
    }

    static VlanConfig standardVlan(int id) {
        if (id == 4095) {
            return new VlanConfig(VlanMode.ALL, List.of(), List.of("0-4094"));
        }
        return id == 0 ? VlanConfig.none() : VlanConfig.access(id);
    }

    /** A DV port group, given its switch's properties (or {@code null} when the switch was not read). */
    Network distributedPortGroup(ObjectContent pg, ObjectContent dvs) {
        String name = pg.text("name") != null ? pg.text("name") : pg.obj().value();
        Element port = pg.get("config.defaultPortConfig");
        String reason = port == null ? pg.whyMissing("config.defaultPortConfig") : "no security policy on the port group";
        var policy = SecurityPolicies.distributed(Xml.child(port, "securityPolicy"), reason);
        SettingsBuilder s = new SettingsBuilder();
        Element mac = Xml.child(port, "macManagementPolicy");
        if (mac != null) {
            s.bool("macLearning.enabled", Xml.bool(mac, "macLearningPolicy.enabled"), "no MAC learning policy");
            if (Xml.child(port, "securityPolicy") == null) {
                policy = new org.virtguard.model.L2SecurityPolicy(flag(Xml.bool(mac, "allowPromiscuous")),
                        flag(Xml.bool(mac, "forgedTransmits")), flag(Xml.bool(mac, "macChanges")));
            }
        } else {
            s.notCollected("macLearning.enabled", SettingType.BOOLEAN, reason);
        }
        Boolean uplink = Xml.bool(pg.get("config.uplink"));
        if (uplink == null) {
            uplink = Xml.children(pg.get("tag")).stream().anyMatch(t -> "SYSTEM/DVS.UPLINKPG".equals(Xml.text(t, "key")));
        }
        s.bool("uplink", uplink, null);
        Boolean netflow = Xml.bool(port, "ipfixEnabled.value");
        s.bool("dvs.netflow.enabled", netflow, port == null ? reason : "not reported");
        switchSettings(dvs, s);
        return new Network(ids.of(pg.obj()), null, name, NetworkKind.DISTRIBUTED_PORT_GROUP,
                dvs == null ? null : dvs.text("name"), null, null, dvVlan(Xml.child(port, "vlan"), reason),
                List.of(), policy, true, s.build());
    }

    private static void switchSettings(ObjectContent dvs, SettingsBuilder s) {
        if (dvs == null) {
            s.notCollected("dvs.netflow.collectorIp", SettingType.STRING, "the distributed switch could not be read");
            s.notCollected("dvs.portMirroring.sessions", SettingType.INTEGER, "the distributed switch could not be read");
            return;
        }
        Element ipfix = dvs.get("config.ipfixConfig");
        if (ipfix == null) {
            s.notCollected("dvs.netflow.collectorIp", SettingType.STRING, dvs.whyMissing("config.ipfixConfig"));
            s.notCollected("dvs.netflow.collectorPort", SettingType.INTEGER, dvs.whyMissing("config.ipfixConfig"));
        } else {
            String ip = Xml.text(ipfix, "collectorIpAddress");
            s.string("dvs.netflow.collectorIp", ip == null ? "" : ip, null);
            s.integer("dvs.netflow.collectorPort", Xml.number(ipfix, "collectorPort"), "no collector port set");
        }
        Element spans = dvs.get("config.vspanSession");
        List<String> destinations = new ArrayList<>();
        int sessions = 0;
        for (Element session : Xml.children(spans)) {
            if (Boolean.FALSE.equals(Xml.bool(session, "enabled"))) {
                continue;
            }
            sessions++;
            Element dest = Xml.child(session, "destinationPort");
            Xml.children(dest, "portKey").forEach(e -> destinations.add("port:" + Xml.text(e)));
            Xml.children(dest, "uplinkPortName").forEach(e -> destinations.add("uplink:" + Xml.text(e)));
            Xml.children(dest, "ipAddress").forEach(e -> destinations.add("ip:" + Xml.text(e)));
        }
        s.integer("dvs.portMirroring.sessions", (long) sessions, null);
        s.list("dvs.portMirroring.destinations", destinations, null);
    }

    private static Collected<VlanConfig> dvVlan(Element vlan, String reason) {
        if (vlan == null) {
            return Collected.notCollected(reason);
        }
        String type = Xml.type(vlan);
        if ("VmwareDistributedVirtualSwitchTrunkVlanSpec".equals(type)) {
            List<String> ranges = new ArrayList<>();
            List<Integer> idList = new ArrayList<>();
            for (Element r : Xml.children(vlan, "vlanId")) {
                Long start = Xml.number(r, "start");
                Long end = Xml.number(r, "end");
                if (start == null || end == null || start < 0 || end > 4095 || end < start) {
                    continue;
                }
                ranges.add(start + "-" + end);
                if (end - start < 64) {
                    for (long i = start; i <= end; i++) {
                        idList.add((int) i);
                    }
                }
            }
            if (ranges.size() == 1 && "0-4094".equals(ranges.get(0))) {
                return Collected.of(new VlanConfig(VlanMode.ALL, List.of(), ranges));
            }
            return Collected.of(new VlanConfig(VlanMode.TRUNK, idList, ranges));
        }
        if ("VmwareDistributedVirtualSwitchPvlanSpec".equals(type)) {
            Long id = Xml.number(vlan, "pvlanId");
            return Collected.of(new VlanConfig(VlanMode.PRIVATE, id == null ? List.of() : List.of(id.intValue()), List.of()));
        }
        Long id = Xml.number(vlan, "vlanId");
        if (id == null) {
            return Collected.notCollected("unknown VLAN specification " + type);
        }
        return Collected.of(standardVlan(id.intValue()));
    }

    private static Collected<Boolean> flag(Boolean b) {
        return b == null ? Collected.notCollected("not reported by the port group") : Collected.of(b);
    }
}
