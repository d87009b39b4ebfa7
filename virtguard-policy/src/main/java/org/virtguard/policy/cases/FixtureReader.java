package org.virtguard.policy.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.virtguard.model.Collected;
import org.virtguard.model.Console;
import org.virtguard.model.ConsoleListen;
import org.virtguard.model.ConsoleType;
import org.virtguard.model.DeviceKind;
import org.virtguard.model.DiskMode;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.L2SecurityPolicy;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.SecurityLabel;
import org.virtguard.model.Setting;
import org.virtguard.model.SettingType;
import org.virtguard.model.Snapshot;
import org.virtguard.model.SpoofingProtection;
import org.virtguard.model.TrafficFilterRef;
import org.virtguard.model.VirtualDevice;
import org.virtguard.model.VirtualDisk;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.VlanConfig;
import org.virtguard.model.VlanMode;
import org.virtguard.policy.eval.Inventory;

/**
 * Builds model records from the compact inventory fragments of cases files. The value {@code "!nc"} stands
 * for "not collected" wherever a value can be missing (settings, console passwords, filter protections).
 * Host ids are {@code host:<name>}, VM ids {@code vm:<name>}, network ids {@code net:<host>/<name>}.
 */
public final class FixtureReader {

    /** The marker for a value that was not collected. */
    public static final String NOT_COLLECTED = "!nc";

    private FixtureReader() {
    }

    public static Inventory inventory(JsonNode node) {
        List<Host> hosts = new ArrayList<>();
        Map<String, Platform> platforms = new HashMap<>();
        for (JsonNode h : iter(node.get("hosts"))) {
            Host host = host(h);
            hosts.add(host);
            platforms.put(host.name(), host.platform());
        }
        List<VirtualMachine> vms = new ArrayList<>();
        for (JsonNode v : iter(node.get("vms"))) {
            vms.add(vm(v, platforms));
        }
        List<Network> networks = new ArrayList<>();
        for (JsonNode n : iter(node.get("networks"))) {
            networks.add(network(n, platforms));
        }
        return new Inventory(hosts, vms, networks);
    }

    static Host host(JsonNode h) {
        String name = h.path("name").asText();
        Platform platform = Platform.valueOf(h.path("platform").asText("libvirt").toUpperCase(Locale.ROOT));
        HypervisorKind kind = platform == Platform.VSPHERE ? HypervisorKind.ESXI : HypervisorKind.KVM;
        return new Host("host:" + name, "fixture", name, platform, kind, null, h.path("version").asText(null), null,
                Map.of(), List.of(), null, h.path("cluster").asText(null), h.path("site").asText(null), null,
                settings(h.get("settings")));
    }

    static VirtualMachine vm(JsonNode v, Map<String, Platform> platforms) {
        String name = v.path("name").asText();
        String host = v.path("host").asText(null);
        boolean vsphere = host != null && platforms.get(host) == Platform.VSPHERE;
        VirtualMachine.Builder b = VirtualMachine.builder("vm:" + name, name)
                .hostId(host == null ? null : "host:" + host)
                .powerState(PowerState.valueOf(v.path("powerState").asText("RUNNING").toUpperCase(Locale.ROOT)))
                .template(v.path("template").asBoolean(false));
        if (v.has("lastPowerOff")) {
            b.lastPowerOff(Collected.of(Instant.parse(v.get("lastPowerOff").asText())));
        }
        v.path("labels").fields().forEachRemaining(e -> b.label(e.getKey(), e.getValue().asText()));
        settings(v.get("settings")).values().forEach(b::setting);
        for (JsonNode c : iter(v.get("consoles"))) {
            b.addConsole(console(c));
        }
        for (JsonNode d : iter(v.get("devices"))) {
            Map<String, String> attrs = new HashMap<>();
            d.path("attributes").fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue().asText()));
            b.addDevice(new VirtualDevice(DeviceKind.valueOf(d.path("kind").asText().toUpperCase(Locale.ROOT)),
                    d.path("type").asText(null), d.path("description").asText(null), attrs,
                    d.path("connected").asBoolean(true)));
        }
        for (JsonNode s : iter(v.get("securityLabels"))) {
            b.addSecurityLabel(new SecurityLabel(s.path("model").asText(null), s.path("type").asText(null),
                    s.path("relabel").asBoolean(true), null, null));
        }
        for (JsonNode d : iter(v.get("disks"))) {
            b.addDisk(new VirtualDisk(d.path("device").asText("disk"), d.path("bus").asText(null), null,
                    d.path("sourceType").asText("file"), d.path("path").asText(null), d.path("datastore").asText(null),
                    null, false, d.path("shareable").asBoolean(false),
                    DiskMode.valueOf(d.path("mode").asText("PERSISTENT").toUpperCase(Locale.ROOT))));
        }
        for (JsonNode s : iter(v.get("snapshots"))) {
            b.addSnapshot(new Snapshot(s.path("name").asText("snap"), null,
                    s.has("createdAt") ? Instant.parse(s.get("createdAt").asText()) : null, null, false));
        }
        int i = 0;
        for (JsonNode n : iter(v.get("nics"))) {
            b.addNic(nic("vm:" + name, n, i++, vsphere));
        }
        return b.build();
    }

    static VirtualNic nic(String vmId, JsonNode n, int index, boolean vsphere) {
        String mac = n.path("mac").asText(null);
        NicAttachment attachment = NicAttachment.valueOf(n.path("attachment")
                .asText(vsphere ? "STANDARD_PORT_GROUP" : "NETWORK").toUpperCase(Locale.ROOT));
        TrafficFilterRef filter = null;
        if (n.has("filter")) {
            JsonNode p = n.get("protections");
            Collected<Set<SpoofingProtection>> protections;
            if (p == null || NOT_COLLECTED.equals(p.asText())) {
                protections = Collected.notCollected("filter not resolved");
            } else {
                Set<SpoofingProtection> set = new LinkedHashSet<>();
                p.forEach(x -> set.add(SpoofingProtection.valueOf(x.asText().toUpperCase(Locale.ROOT))));
                protections = Collected.of(set);
            }
            filter = new TrafficFilterRef(n.get("filter").asText(), Map.of(), protections);
        }
        Collected<List<String>> ips = n.has("ips") ? Collected.of(strings(n.get("ips")))
                : Collected.notCollected("not reported");
        return new VirtualNic(VirtualNic.idFor(vmId, mac, index), vmId, mac, attachment,
                n.path("network").asText(null), n.path("switch").asText(null), n.path("sourceDevice").asText(null),
                n.path("sourceMode").asText(null), vlan(n.get("vlan")), n.path("model").asText(null), null, filter, ips,
                n.path("connected").asBoolean(true));
    }

    static Network network(JsonNode n, Map<String, Platform> platforms) {
        String name = n.path("name").asText();
        String host = n.path("host").asText(null);
        boolean vsphere = host == null || platforms.get(host) == Platform.VSPHERE;
        NetworkKind kind = NetworkKind.valueOf(n.path("kind")
                .asText(vsphere ? (host == null ? "DISTRIBUTED_PORT_GROUP" : "STANDARD_PORT_GROUP") : "LIBVIRT_NETWORK")
                .toUpperCase(Locale.ROOT));
        JsonNode l2 = n.get("l2");
        L2SecurityPolicy policy = l2 == null ? L2SecurityPolicy.notCollected("not reported")
                : new L2SecurityPolicy(bool(l2.get("promiscuous")), bool(l2.get("forgedTransmits")),
                bool(l2.get("macChanges")));
        return new Network("net:" + (host == null ? "" : host) + "/" + name, host == null ? null : "host:" + host, name,
                kind, n.path("switch").asText(null), null, null, vlan(n.get("vlan")), strings(n.get("ipRanges")),
                policy, true, settings(n.get("settings")));
    }

    private static Console console(JsonNode c) {
        String listen = c.path("listen").asText("default");
        ConsoleListen l;
        if (listen.equals("default")) {
            l = new ConsoleListen(ConsoleListen.Kind.HYPERVISOR_DEFAULT, null);
        } else if (listen.equals("socket")) {
            l = new ConsoleListen(ConsoleListen.Kind.SOCKET, "/run/console.sock");
        } else if (listen.equals("none")) {
            l = new ConsoleListen(ConsoleListen.Kind.NONE, null);
        } else if (listen.startsWith("network:")) {
            l = new ConsoleListen(ConsoleListen.Kind.NETWORK, listen.substring(8));
        } else {
            l = new ConsoleListen(ConsoleListen.Kind.ADDRESS, listen);
        }
        return new Console(ConsoleType.valueOf(c.path("type").asText("VNC").toUpperCase(Locale.ROOT)), List.of(l),
                c.has("port") ? c.get("port").asInt() : null, bool(c.get("password")), null, Map.of());
    }

    private static Collected<Boolean> bool(JsonNode n) {
        if (n == null || NOT_COLLECTED.equals(n.asText())) {
            return Collected.notCollected("not collected in fixture");
        }
        return Collected.of(n.asBoolean());
    }

    private static Collected<VlanConfig> vlan(JsonNode n) {
        if (n == null) {
            return Collected.of(VlanConfig.none());
        }
        if (NOT_COLLECTED.equals(n.asText())) {
            return Collected.notCollected("not collected in fixture");
        }
        if (n.isArray()) {
            List<Integer> ids = new ArrayList<>();
            n.forEach(x -> ids.add(x.asInt()));
            return Collected.of(new VlanConfig(VlanMode.TRUNK, ids, List.of()));
        }
        if (n.asText().equalsIgnoreCase("all") || n.asInt() == 4095) {
            return Collected.of(new VlanConfig(VlanMode.ALL, List.of(), List.of("0-4094")));
        }
        return Collected.of(VlanConfig.access(n.asInt()));
    }

    private static Map<String, Setting> settings(JsonNode n) {
        Map<String, Setting> out = new HashMap<>();
        if (n == null) {
            return out;
        }
        n.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String key = e.getKey();
            if (NOT_COLLECTED.equals(v.asText())) {
                out.put(key, Setting.notCollected(key, SettingType.STRING, "not collected in fixture"));
            } else if (v.isBoolean()) {
                out.put(key, Setting.ofBoolean(key, v.asBoolean()));
            } else if (v.isIntegralNumber()) {
                out.put(key, Setting.ofInteger(key, v.asLong()));
            } else if (v.isArray()) {
                out.put(key, Setting.of(key, SettingType.LIST, String.join(",", strings(v))));
            } else {
                out.put(key, Setting.ofString(key, v.asText()));
            }
        });
        return out;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : iter(n)) {
            out.add(x.asText());
        }
        return out;
    }

    private static Iterable<JsonNode> iter(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(out::add);
        }
        return out;
    }
}
