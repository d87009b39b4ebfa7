package org.virtguard.connector.vsphere.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.ServiceContent;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.model.ConnectionState;
import org.virtguard.model.Host;
import org.virtguard.model.HostHardware;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.Platform;
import org.virtguard.model.SettingType;
import org.w3c.dom.Element;

/** Maps a {@code HostSystem} and its advanced options into a {@link Host}. */
final class HostMapper {

    private final String sourceId;
    private final VsphereIds ids;
    private final ServiceContent server;

    HostMapper(String sourceId, VsphereIds ids, ServiceContent server) {
        this.sourceId = sourceId;
        this.ids = ids;
        this.server = server;
    }

    /**
     * @param advanced       the host's advanced options, or {@code null} when they could not be read
     * @param advancedReason why they could not be read
     */
    Host map(ObjectContent h, String clusterId, String siteId, Map<String, OptionValues.Value> advanced,
             String advancedReason) {
        SettingsBuilder s = new SettingsBuilder();
        if (advanced != null) {
            advanced.forEach((k, v) -> s.put(k, v.type(), v.text()));
        } else {
            for (String key : AdvancedOptionKeys.HARDENING) {
                s.notCollected(key, SettingType.STRING, advancedReason);
            }
        }
        services(h, s);
        s.string("lockdown.mode", h.text("config.lockdownMode"), h.whyMissing("config.lockdownMode"));
        ntp(h, s);
        firewall(h, s);
        List<String> managementIps = vmkNics(h, s);

        Element product = h.get("summary.config.product");
        Map<String, String> versions = new LinkedHashMap<>();
        putIfPresent(versions, "esxi", Xml.text(product, "version"));
        putIfPresent(versions, "esxi.build", Xml.text(product, "build"));
        if (server.isVCenter()) {
            putIfPresent(versions, "vcenter", server.version());
            putIfPresent(versions, "vcenter.build", server.build());
        }
        String name = h.text("name") != null ? h.text("name") : h.obj().value();
        return new Host(ids.of(h.obj()), sourceId, name, Platform.VSPHERE, HypervisorKind.ESXI,
                productName(product), Xml.text(product, "version"), Xml.text(product, "build"), versions, managementIps,
                hardware(h.get("summary.hardware")), clusterId, siteId, connectionState(h), s.build());
    }

    private static String productName(Element product) {
        String n = Xml.text(product, "name");
        return n != null ? n : "VMware ESXi";
    }

    private static void services(ObjectContent h, SettingsBuilder s) {
        Element services = h.get("config.service");
        if (services == null) {
            String why = h.whyMissing("config.service");
            for (String key : List.of("TSM-SSH", "TSM")) {
                s.notCollected("service." + key + ".running", SettingType.BOOLEAN, why);
                s.notCollected("service." + key + ".policy", SettingType.STRING, why);
            }
            return;
        }
        for (Element svc : Xml.children(services, "service")) {
            String key = Xml.text(svc, "key");
            if (key == null || key.isEmpty()) {
                continue;
            }
            s.bool("service." + key + ".running", Xml.bool(svc, "running"), "not reported by the host");
            s.string("service." + key + ".policy", Xml.text(svc, "policy"), "not reported by the host");
        }
    }

    private static void ntp(ObjectContent h, SettingsBuilder s) {
        Element dt = h.get("config.dateTimeInfo");
        if (dt == null) {
            s.notCollected("ntp.servers", SettingType.LIST, h.whyMissing("config.dateTimeInfo"));
            return;
        }
        List<String> servers = new ArrayList<>();
        for (Element server : Xml.children(Xml.child(dt, "ntpConfig"), "server")) {
            servers.add(Xml.text(server));
        }
        s.list("ntp.servers", servers, null);
    }

    private static void firewall(ObjectContent h, SettingsBuilder s) {
        Element fw = h.get("config.firewall");
        if (fw == null) {
            s.notCollected("firewall.sshServer.enabled", SettingType.BOOLEAN, h.whyMissing("config.firewall"));
            return;
        }
        for (Element rs : Xml.children(fw, "ruleset")) {
            String key = Xml.text(rs, "key");
            if (key == null || key.isEmpty()) {
                continue;
            }
            String p = "firewall." + key;
            s.bool(p + ".enabled", Xml.bool(rs, "enabled"), "not reported by the host");
            Element allowed = Xml.child(rs, "allowedHosts");
            s.bool(p + ".allowedAll", Xml.bool(allowed, "allIp"), "not reported by the host");
            if (allowed != null) {
                List<String> ips = new ArrayList<>();
                Xml.children(allowed, "ipAddress").forEach(e -> ips.add(Xml.text(e)));
                for (Element net : Xml.children(allowed, "ipNetwork")) {
                    ips.add(Xml.text(net, "network") + "/" + Xml.text(net, "prefixLength"));
                }
                s.list(p + ".allowedIps", ips, null);
            }
        }
    }

    /** Writes the vmk settings and returns the addresses of management VMkernel NICs. */
    private static List<String> vmkNics(ObjectContent h, SettingsBuilder s) {
        Element vnics = h.get("config.network.vnic");
        if (vnics == null) {
            s.notCollected("vmk.devices", SettingType.LIST, h.whyMissing("config.network.vnic"));
            return List.of();
        }
        Map<String, Integer> vlanByPortGroup = new HashMap<>();
        for (Element pg : Xml.children(h.get("config.network.portgroup"))) {
            Long vlan = Xml.number(pg, "spec.vlanId");
            if (Xml.text(pg, "spec.name") != null && vlan != null) {
                vlanByPortGroup.put(Xml.text(pg, "spec.name"), vlan.intValue());
            }
        }
        Map<String, List<String>> servicesByDevice = new LinkedHashMap<>();
        Element netConfig = h.get("config.virtualNicManagerInfo.netConfig");
        for (Element nc : Xml.children(netConfig)) {
            String nicType = Xml.text(nc, "nicType");
            Map<String, String> keyToDevice = new HashMap<>();
            for (Element cand : Xml.children(nc, "candidateVnic")) {
                keyToDevice.put(Xml.text(cand, "key"), Xml.text(cand, "device"));
            }
            for (Element selected : Xml.children(nc, "selectedVnic")) {
                String device = keyToDevice.get(Xml.text(selected));
                if (device != null && nicType != null) {
                    servicesByDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(nicType);
                }
            }
        }
        List<String> devices = new ArrayList<>();
        List<String> management = new ArrayList<>();
        for (Element vnic : Xml.children(vnics)) {
            String device = Xml.text(vnic, "device");
            if (device == null || device.isEmpty()) {
                continue;
            }
            devices.add(device);
            String p = "vmk." + device;
            String pg = Xml.text(vnic, "portgroup");
            String dvPortgroup = Xml.text(vnic, "spec.distributedVirtualPort.portgroupKey");
            s.string(p + ".portgroup", pg != null && !pg.isEmpty() ? pg : dvPortgroup, "not reported by the host");
            Integer vlan = pg == null ? null : vlanByPortGroup.get(pg);
            s.integer(p + ".vlan", vlan == null ? null : vlan.longValue(),
                    "the VLAN of a VMkernel NIC on a distributed port group is set on the port group");
            if (netConfig == null) {
                s.notCollected(p + ".services", SettingType.LIST, h.whyMissing("config.virtualNicManagerInfo.netConfig"));
            } else {
                s.list(p + ".services", servicesByDevice.getOrDefault(device, List.of()), null);
            }
            String ip = Xml.text(vnic, "spec.ip.ipAddress");
            String mask = Xml.text(vnic, "spec.ip.subnetMask");
            s.string(p + ".ip", ip == null ? null : ip + (mask == null ? "" : "/" + prefixLength(mask)),
                    "no IPv4 address");
            if (ip != null && servicesByDevice.getOrDefault(device, List.of()).contains("management")) {
                management.add(ip);
            }
        }
        s.list("vmk.devices", devices, null);
        return management;
    }

    static int prefixLength(String mask) {
        int bits = 0;
        for (String octet : mask.split("\\.")) {
            try {
                bits += Integer.bitCount(Integer.parseInt(octet) & 0xff);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return bits;
    }

    private static HostHardware hardware(Element hw) {
        if (hw == null) {
            return null;
        }
        Long sockets = Xml.number(hw, "numCpuPkgs");
        Long cores = Xml.number(hw, "numCpuCores");
        Long threads = Xml.number(hw, "numCpuThreads");
        Long mhz = Xml.number(hw, "cpuMhz");
        Long mem = Xml.number(hw, "memorySize");
        int s = sockets == null ? 0 : sockets.intValue();
        int c = cores == null ? 0 : cores.intValue();
        int t = threads == null ? 0 : threads.intValue();
        return new HostHardware(Xml.text(hw, "cpuModel"), s, s == 0 ? 0 : c / s, c == 0 ? 0 : t / c, t,
                mhz == null ? 0 : mhz, mem == null ? 0 : mem, 0);
    }

    private static ConnectionState connectionState(ObjectContent h) {
        if ("true".equals(h.text("runtime.inMaintenanceMode"))) {
            return ConnectionState.MAINTENANCE;
        }
        String state = h.text("runtime.connectionState");
        if (state == null) {
            return ConnectionState.UNKNOWN;
        }
        return switch (state) {
            case "connected" -> ConnectionState.CONNECTED;
            case "disconnected" -> ConnectionState.DISCONNECTED;
            case "notResponding" -> ConnectionState.NOT_RESPONDING;
            default -> ConnectionState.UNKNOWN;
        };
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}
