package org.virtguard.policy.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.model.Collected;
import org.virtguard.model.Console;
import org.virtguard.model.ConsoleListen;
import org.virtguard.model.Host;
import org.virtguard.model.L2SecurityPolicy;
import org.virtguard.model.Network;
import org.virtguard.model.SecurityLabel;
import org.virtguard.model.Setting;
import org.virtguard.model.Snapshot;
import org.virtguard.model.TrafficFilterRef;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualDevice;
import org.virtguard.model.VirtualDisk;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.VlanConfig;

/**
 * Turns model records into the maps CEL rules read. A value that was not collected is left out of its map,
 * so a rule that reads it fails with "no such key" and the result is NOT_COLLECTED, never PASS; rules may test
 * for it with {@code has(...)}. Settings that were not collected are listed under {@link #NOT_COLLECTED}.
 * Times are epoch seconds; integers are {@code long}.
 * <p>
 * Views with a fixed set of keys are {@link CompactMap}s, one {@link MapShape} per kind of view, so that a rule's
 * field read is an array read (see {@code FastPlan}); maps keyed by data (settings, labels, attributes) are plain
 * maps. Views and their lists are immutable ({@link List#copyOf}: one or two elements are held inline).
 */
public final class Views {

    /** Key of the map of settings that were not collected (key to reason) in host, VM and network views. */
    public static final String NOT_COLLECTED = "notCollected";

    /**
     * Key of the map, in VM and console views, of fields that were not collected (field name to the source's reason,
     * which says how to collect it); absent when every field was collected. Rules do not read it: it explains a
     * NOT_COLLECTED result to the user ({@code eval.Unavailable}).
     */
    public static final String GAPS = "gaps";

    /** The settings map (and map of settings not collected) of an object that has none: one shared empty map. */
    public static final Map<String, String> NO_SETTINGS = Map.of();

    // Keys rules read most come first (iteration order, and the values rules read share cache lines).
    private static final MapShape HOST = MapShape.of("platform", "settings", NOT_COLLECTED, "vmks", "name", "id",
            "productVersion", "clusterId", "sourceId", "hypervisor", "productName", "productBuild", "siteId",
            "connectionState", "versions", "managementAddresses");
    private static final MapShape VMK = MapShape.of("device", "portgroup", "vlan", "services");
    private static final MapShape VM = MapShape.of("settings", NOT_COLLECTED, "template", "consoles", "devices",
            "nics", "labels", "powerState", "name", "id", "hostId", "clusterId", "vcpus", "memoryBytes", "guestOs",
            "classification", "owner", "annotation", "lastPowerOn", "lastPowerOff", "securityLabels", "disks",
            "snapshots", "zoneNames", "trust", "placement", GAPS);
    private static final MapShape SNAPSHOT = MapShape.of("name", "createdAt", "current");
    private static final MapShape NIC = MapShape.of("zone", "attachment", "hasFilter", "filter", "vlan", "network",
            "connected", "model", "id", "mac", "switch", "sourceDevice", "sourceMode", "ipAddresses");
    private static final MapShape FILTER = MapShape.of("name", "protections");
    private static final MapShape ZONE = MapShape.of("name", "trust", "management");
    private static final MapShape NETWORK = MapShape.of("kind", "l2", "settings", NOT_COLLECTED, "vlan", "name",
            "zone", "forwardMode", "id", "hostId", "switchName", "bridge", "active", "ipRanges");
    private static final MapShape VLAN = MapShape.of("mode", "ids", "ranges");
    private static final MapShape L2 = MapShape.of("promiscuous", "forgedTransmits", "macChanges");
    private static final MapShape DEVICE = MapShape.of("kind", "type", "description", "attributes", "connected");
    private static final MapShape CONSOLE = MapShape.of("type", "port", "passwordSet", "beyondLoopback", "listens",
            "attributes", "everyInterface", GAPS);
    private static final MapShape LISTEN = MapShape.of("kind", "value");
    private static final MapShape SECURITY_LABEL = MapShape.of("model", "type", "relabel", "disablesConfinement");
    private static final MapShape DISK = MapShape.of("device", "bus", "target", "sourceType", "path", "datastore",
            "format", "readOnly", "shareable", "mode");

    /** The view each rule variable holds (lists: their elements' view). */
    private static final Map<String, MapShape> VARIABLES = Map.of("host", HOST, "vm", VM, "nic", NIC,
            "network", NETWORK, "zone", ZONE, "vms", VM, "nics", NIC, "networks", NETWORK, "zones", ZONE);
    /** The view held in a field of a view (lists: their elements' view), by the outer view's shape and field. */
    private static final Map<MapShape, Map<String, MapShape>> FIELDS = Map.of(
            HOST, Map.of("vmks", VMK),
            VM, Map.of("nics", NIC, "devices", DEVICE, "consoles", CONSOLE, "securityLabels", SECURITY_LABEL,
                    "disks", DISK, "snapshots", SNAPSHOT),
            NIC, Map.of("zone", ZONE, "filter", FILTER, "vlan", VLAN),
            NETWORK, Map.of("l2", L2, "vlan", VLAN, "zone", ZONE),
            CONSOLE, Map.of("listens", LISTEN));

    /** Every L2 policy view: each of the three settings not collected, rejected or accepted. */
    private static final Map<?, ?>[] L2_VIEWS = new Map<?, ?>[27];
    private static final SharedViews<TrustZone> ZONES = new SharedViews<>(Views::makeZone);
    private static final SharedViews<VlanConfig> VLANS = new SharedViews<>(Views::makeVlan);

    static {
        for (int i = 0; i < L2_VIEWS.length; i++) {
            L2_VIEWS[i] = l2View(i);
        }
    }

    private Views() {
    }

    /**
     * The shape of the views a rule variable holds (of its elements for a list), or null when it holds no view of
     * one shape. A hint for code that specializes field reads: values must still be checked, since variables may
     * hold other maps.
     */
    public static MapShape shapeOfVariable(String name) {
        return VARIABLES.get(name);
    }

    /**
     * The shape of the view held in {@code field} of views of shape {@code outer} (of its elements for a list),
     * or null when it holds no view of one shape; a hint, as {@link #shapeOfVariable}.
     */
    public static MapShape shapeOfField(MapShape outer, String field) {
        return outer == null ? null : FIELDS.getOrDefault(outer, Map.of()).get(field);
    }

    /** A host view. */
    public static Map<String, Object> host(Host h) {
        return host(h, Map.of());
    }

    /** A host view with policy facts (trust, site, ...) added as further keys. */
    public static Map<String, Object> host(Host h, Map<String, Object> facts) {
        CompactMap.Builder m = CompactMap.builder(HOST.with(List.copyOf(facts.keySet())));
        m.put("id", h.id());
        m.put("name", h.name());
        m.put("sourceId", h.sourceId());
        m.put("platform", h.platform().name());
        m.put("hypervisor", h.hypervisor().name());
        putIfNotNull(m, "productName", h.productName());
        putIfNotNull(m, "productVersion", h.productVersion());
        putIfNotNull(m, "productBuild", h.productBuild());
        putIfNotNull(m, "clusterId", h.clusterId());
        putIfNotNull(m, "siteId", h.siteId());
        m.put("connectionState", h.connectionState().name());
        m.put("versions", Map.copyOf(h.componentVersions()));
        m.put("managementAddresses", h.managementAddresses());
        putSettings(m, h.settings());
        m.put("vmks", List.copyOf(vmks(h)));
        m.putAll(facts);
        return m.build();
    }

    /** VMkernel NICs from the {@code vmk.<device>.*} settings: device, portgroup, vlan, services. */
    private static List<Object> vmks(Host h) {
        Setting devices = h.settings().get("vmk.devices");
        List<Object> out = new ArrayList<>();
        if (devices == null || !devices.isCollected() || devices.value() == null || devices.value().isBlank()) {
            return out;
        }
        for (String device : devices.value().split(",")) {
            String d = device.strip();
            CompactMap.Builder vm = CompactMap.builder(VMK);
            vm.put("device", d);
            Setting pg = h.settings().get("vmk." + d + ".portgroup");
            if (pg != null && pg.isCollected() && pg.value() != null) {
                vm.put("portgroup", pg.value());
            }
            Setting vlan = h.settings().get("vmk." + d + ".vlan");
            if (vlan != null) {
                vlan.asLong().ifPresent(v -> vm.put("vlan", v));
            }
            Setting services = h.settings().get("vmk." + d + ".services");
            if (services != null && services.isCollected()) {
                List<String> list = new ArrayList<>();
                if (services.value() != null) {
                    for (String s : services.value().split(",")) {
                        if (!s.isBlank()) {
                            list.add(s.strip());
                        }
                    }
                }
                vm.put("services", List.copyOf(list));
            }
            out.add(vm.build());
        }
        return out;
    }

    /** A VM view; {@code nicViews} are the views of its NICs (with zones), already built. */
    public static Map<String, Object> vm(VirtualMachine vm, List<Map<String, Object>> nicViews) {
        return vm(vm, nicViews, null);
    }

    /** A VM view with its zone policy facts under {@code placement} (none when null). */
    public static Map<String, Object> vm(VirtualMachine vm, List<Map<String, Object>> nicViews,
                                         Map<String, Object> placement) {
        CompactMap.Builder m = CompactMap.builder(VM);
        m.put("id", vm.id());
        m.put("name", vm.name());
        putIfNotNull(m, "hostId", vm.hostId());
        putIfNotNull(m, "clusterId", vm.clusterId());
        m.put("powerState", vm.powerState().name());
        m.put("template", vm.template());
        m.put("vcpus", (long) vm.vcpus());
        m.put("memoryBytes", vm.memoryBytes());
        putCollected(m, "guestOs", vm.guestOs());
        Map<String, String> gaps = null;
        gaps = gap(gaps, "guestOs", vm.guestOs());
        gaps = gap(gaps, "lastPowerOn", vm.lastPowerOn());
        gaps = gap(gaps, "lastPowerOff", vm.lastPowerOff());
        if (gaps != null) {
            m.put(GAPS, Map.copyOf(gaps));
        }
        m.put("labels", Map.copyOf(vm.labels()));
        putIfNotNull(m, "classification", label(vm, "classification"));
        putIfNotNull(m, "owner", label(vm, "owner"));
        putIfNotNull(m, "annotation", vm.annotation());
        putCollected(m, "lastPowerOn", vm.lastPowerOn().map(Instant::getEpochSecond));
        putCollected(m, "lastPowerOff", vm.lastPowerOff().map(Instant::getEpochSecond));
        putSettings(m, vm.settings());
        List<Object> devices = new ArrayList<>();
        for (VirtualDevice d : vm.devices()) {
            devices.add(device(d));
        }
        m.put("devices", List.copyOf(devices));
        List<Object> consoles = new ArrayList<>();
        for (Console c : vm.consoles()) {
            consoles.add(console(c));
        }
        m.put("consoles", List.copyOf(consoles));
        List<Object> labels = new ArrayList<>();
        for (SecurityLabel s : vm.securityLabels()) {
            labels.add(securityLabel(s));
        }
        m.put("securityLabels", List.copyOf(labels));
        List<Object> disks = new ArrayList<>();
        for (VirtualDisk d : vm.disks()) {
            disks.add(disk(d));
        }
        m.put("disks", List.copyOf(disks));
        List<Object> snapshots = new ArrayList<>();
        for (Snapshot s : vm.snapshots()) {
            CompactMap.Builder sm = CompactMap.builder(SNAPSHOT);
            sm.put("name", s.name());
            if (s.createdAt() != null) {
                sm.put("createdAt", s.createdAt().getEpochSecond());
            }
            sm.put("current", s.current());
            snapshots.add(sm.build());
        }
        m.put("snapshots", List.copyOf(snapshots));
        m.put("nics", List.copyOf(nicViews));
        List<String> zoneNames = new ArrayList<>();
        long minTrust = Long.MAX_VALUE;
        for (Map<String, Object> nic : nicViews) {
            Object zone = nic.get("zone");
            if (zone instanceof Map<?, ?> z) {
                String name = (String) z.get("name");
                if (!zoneNames.contains(name)) {
                    zoneNames.add(name);
                }
                minTrust = Math.min(minTrust, (Long) z.get("trust"));
            }
        }
        m.put("zoneNames", List.copyOf(zoneNames));
        if (minTrust != Long.MAX_VALUE) {
            m.put("trust", minTrust);
        }
        m.put("placement", placement);
        return m.build();
    }

    /** A vNIC view with its zone (none when null). */
    public static Map<String, Object> nic(VirtualNic n, TrustZone zone) {
        CompactMap.Builder m = CompactMap.builder(NIC);
        m.put("id", n.id());
        putIfNotNull(m, "mac", n.mac());
        m.put("attachment", n.attachment().name());
        putIfNotNull(m, "network", n.networkName());
        putIfNotNull(m, "switch", n.switchName());
        putIfNotNull(m, "sourceDevice", n.sourceDevice());
        putIfNotNull(m, "sourceMode", n.sourceMode());
        putIfNotNull(m, "model", n.model());
        m.put("connected", n.connected());
        if (n.vlan().isCollected() && n.vlan().value() != null) {
            m.put("vlan", vlan(n.vlan().value()));
        }
        TrafficFilterRef f = n.filter();
        m.put("hasFilter", f != null);
        if (f != null) {
            CompactMap.Builder fm = CompactMap.builder(FILTER);
            fm.put("name", f.name());
            if (f.protections().isCollected() && f.protections().value() != null) {
                fm.put("protections", f.protections().value().stream().map(Enum::name).sorted().toList());
            }
            m.put("filter", fm.build());
        }
        if (n.ipAddresses().isCollected() && n.ipAddresses().value() != null) {
            m.put("ipAddresses", n.ipAddresses().value());
        }
        if (zone != null) {
            m.put("zone", zone(zone));
        }
        return m.build();
    }

    /** A trust zone view: name, trust, management (one shared view per zone). */
    public static Map<String, Object> zone(TrustZone z) {
        return ZONES.of(z);
    }

    /** A network or port group view. */
    public static Map<String, Object> network(Network n) {
        return network(n, null);
    }

    /** A network or port group view with its zone (none when null). */
    public static Map<String, Object> network(Network n, TrustZone zone) {
        CompactMap.Builder m = CompactMap.builder(NETWORK);
        m.put("id", n.id());
        m.put("name", n.name());
        putIfNotNull(m, "hostId", n.hostId());
        m.put("kind", n.kind().name());
        putIfNotNull(m, "switchName", n.switchName());
        putIfNotNull(m, "forwardMode", n.forwardMode());
        putIfNotNull(m, "bridge", n.bridge());
        m.put("active", n.active());
        m.put("ipRanges", n.ipRanges());
        if (n.vlan().isCollected() && n.vlan().value() != null) {
            m.put("vlan", vlan(n.vlan().value()));
        }
        L2SecurityPolicy l2 = n.l2Policy();
        m.put("l2", L2_VIEWS[9 * l2State(l2.promiscuousAllowed()) + 3 * l2State(l2.forgedTransmitsAllowed())
                + l2State(l2.macChangesAllowed())]);
        putSettings(m, n.settings());
        if (zone != null) {
            m.put("zone", zone(zone));
        }
        return m.build();
    }

    /** 0 when not collected, 1 when rejected, 2 when accepted: the index of an L2 policy in {@link #L2_VIEWS}. */
    private static int l2State(Collected<Boolean> allowed) {
        if (!allowed.isCollected() || allowed.value() == null) {
            return 0;
        }
        return allowed.value() ? 2 : 1;
    }

    private static Map<String, Object> l2View(int index) {
        CompactMap.Builder m = CompactMap.builder(L2);
        String[] keys = {"promiscuous", "forgedTransmits", "macChanges"};
        int[] states = {index / 9, index / 3 % 3, index % 3};
        for (int i = 0; i < keys.length; i++) {
            if (states[i] != 0) {
                m.put(keys[i], states[i] == 2);
            }
        }
        return m.build();
    }

    private static Map<String, Object> vlan(VlanConfig v) {
        return VLANS.of(v);
    }

    private static Map<String, Object> makeZone(TrustZone z) {
        return CompactMap.builder(ZONE).put("name", z.name()).put("trust", (long) z.trust())
                .put("management", z.management()).build();
    }

    private static Map<String, Object> makeVlan(VlanConfig v) {
        CompactMap.Builder m = CompactMap.builder(VLAN);
        m.put("mode", v.mode().name());
        m.put("ids", v.ids().stream().map(Integer::longValue).toList());
        m.put("ranges", v.ranges());
        return m.build();
    }

    private static Map<String, Object> device(VirtualDevice d) {
        CompactMap.Builder m = CompactMap.builder(DEVICE);
        m.put("kind", d.kind().name());
        putIfNotNull(m, "type", d.type());
        putIfNotNull(m, "description", d.description());
        m.put("attributes", Map.copyOf(d.attributes()));
        m.put("connected", d.connected());
        return m.build();
    }

    private static Map<String, Object> console(Console c) {
        CompactMap.Builder m = CompactMap.builder(CONSOLE);
        m.put("type", c.type().name());
        if (c.port() != null) {
            m.put("port", c.port().longValue());
        }
        putCollected(m, "passwordSet", c.passwordSet());
        putCollected(m, "beyondLoopback", c.reachableBeyondLoopback());
        putCollected(m, "everyInterface", c.listensOnEveryInterface());
        Map<String, String> gaps = null;
        gaps = gap(gaps, "passwordSet", c.passwordSet());
        gaps = gap(gaps, "beyondLoopback", c.reachableBeyondLoopback());
        gaps = gap(gaps, "everyInterface", c.listensOnEveryInterface());
        if (gaps != null) {
            m.put(GAPS, Map.copyOf(gaps));
        }
        List<Object> listens = new ArrayList<>();
        for (ConsoleListen l : c.listens()) {
            CompactMap.Builder lm = CompactMap.builder(LISTEN);
            lm.put("kind", l.kind().name());
            lm.put("value", l.value());
            listens.add(lm.build());
        }
        m.put("listens", List.copyOf(listens));
        m.put("attributes", Map.copyOf(c.attributes()));
        return m.build();
    }

    private static Map<String, Object> securityLabel(SecurityLabel s) {
        CompactMap.Builder m = CompactMap.builder(SECURITY_LABEL);
        putIfNotNull(m, "model", s.model());
        putIfNotNull(m, "type", s.type());
        m.put("relabel", s.relabel());
        m.put("disablesConfinement", s.disablesConfinement());
        return m.build();
    }

    private static Map<String, Object> disk(VirtualDisk d) {
        CompactMap.Builder m = CompactMap.builder(DISK);
        putIfNotNull(m, "device", d.device());
        putIfNotNull(m, "bus", d.bus());
        putIfNotNull(m, "target", d.target());
        putIfNotNull(m, "sourceType", d.sourceType());
        putIfNotNull(m, "path", d.path());
        putIfNotNull(m, "datastore", d.datastore());
        putIfNotNull(m, "format", d.format());
        m.put("readOnly", d.readOnly());
        m.put("shareable", d.shareable());
        if (d.mode() != null) {
            m.put("mode", d.mode().name());
        }
        return m.build();
    }

    private static String label(VirtualMachine vm, String key) {
        String v = vm.labels().get(key);
        return v != null ? v : vm.labels().get("tag." + key);
    }

    private static void putSettings(CompactMap.Builder m, Map<String, Setting> settings) {
        if (settings.isEmpty()) {
            m.put("settings", NO_SETTINGS);
            m.put(NOT_COLLECTED, NO_SETTINGS);
            return;
        }
        Map<String, String> values = new HashMap<>();
        Map<String, String> missing = new HashMap<>();
        for (Setting s : settings.values()) {
            if (!s.isCollected()) {
                missing.put(s.key(), s.reason() == null ? "not collected" : s.reason());
            } else if (s.value() != null) {
                values.put(s.key(), s.value());
            }
        }
        m.put("settings", values.isEmpty() ? NO_SETTINGS : values);
        m.put(NOT_COLLECTED, missing.isEmpty() ? NO_SETTINGS : missing);
    }

    /** {@code gaps} with the reason {@code value} was not collected under {@code key}, when it was not. */
    private static Map<String, String> gap(Map<String, String> gaps, String key, Collected<?> value) {
        if (value.isCollected()) {
            return gaps;
        }
        Map<String, String> out = gaps == null ? new HashMap<>() : gaps;
        out.put(key, value.reason() == null ? "not reported by the source" : value.reason());
        return out;
    }

    private static void putCollected(CompactMap.Builder m, String key, Collected<?> value) {
        if (value.isCollected() && value.value() != null) {
            m.put(key, value.value());
        }
    }

    private static void putIfNotNull(CompactMap.Builder m, String key, Object value) {
        m.put(key, value);
    }
}
