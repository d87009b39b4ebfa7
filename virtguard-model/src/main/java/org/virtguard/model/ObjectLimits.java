package org.virtguard.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The size limits of inventory objects, and the one place that enforces them on a whole snapshot: an object whose
 * id is too long is skipped, a name, description or other text that is too long is cut, a MAC that cannot be one is
 * dropped, and over-long lists and maps are shortened. Each change is reported as a {@link CollectionWarning}
 * naming the source, the object, the field, its length and the limit, so that one hostile or broken object never
 * fails the rest of its source. The store's columns are sized to these limits (ids, names and references 1024
 * characters, MACs 64, product versions 256).
 */
public final class ObjectLimits {

    /** Longest object id, and longest reference to another object (host, cluster, site, VM). */
    public static final int MAX_ID = 1024;
    /** Longest name (VM, host, network, site, cluster, traffic filter, switch, network of a vNIC). */
    public static final int MAX_NAME = 1024;
    /** Longest MAC address text. */
    public static final int MAX_MAC = 64;
    /** Longest product version of a host. */
    public static final int MAX_VERSION = 256;
    /** Longest annotation or description. */
    public static final int MAX_DESCRIPTION = 64 * 1024;
    /** Longest key of a label, setting or attribute map. */
    public static final int MAX_KEY = 256;
    /** Longest label value. */
    public static final int MAX_LABEL_VALUE = 4096;
    /** Most labels, settings or component versions per object. */
    public static final int MAX_MAP_ENTRIES = 1024;
    /** Most disks, vNICs, devices, consoles, security labels or addresses per object. */
    public static final int MAX_PARTS = 1024;
    /** Most snapshots per VM. */
    public static final int MAX_SNAPSHOTS = 4096;

    private final String sourceId;
    private final List<CollectionWarning> warnings = new ArrayList<>();
    private String object;

    private ObjectLimits(String sourceId) {
        this.sourceId = sourceId;
    }

    /**
     * The snapshot with every object within the limits, and a warning added for each object skipped or changed.
     * Returns {@code snapshot} itself when nothing breaks a limit.
     */
    public static InventorySnapshot apply(InventorySnapshot snapshot) {
        ObjectLimits limits = new ObjectLimits(snapshot.sourceId());
        List<Site> sites = new ArrayList<>();
        for (Site s : snapshot.sites()) {
            if (limits.idFits("site", s.id(), s.name())) {
                sites.add(new Site(s.id(), limits.text("name", s.name(), MAX_NAME)));
            }
        }
        List<Cluster> clusters = new ArrayList<>();
        for (Cluster c : snapshot.clusters()) {
            if (limits.idFits("cluster", c.id(), c.name())) {
                clusters.add(new Cluster(c.id(), limits.text("name", c.name(), MAX_NAME),
                        limits.reference("siteId", c.siteId()), limits.map("settings", c.settings(), Integer.MAX_VALUE)));
            }
        }
        List<Host> hosts = new ArrayList<>();
        for (Host h : snapshot.hosts()) {
            if (limits.idFits("host", h.id(), h.name())) {
                hosts.add(limits.host(h));
            }
        }
        List<Network> networks = new ArrayList<>();
        for (Network n : snapshot.networks()) {
            if (limits.idFits("network", n.id(), n.name())) {
                networks.add(new Network(n.id(), limits.reference("hostId", n.hostId()),
                        limits.text("name", n.name(), MAX_NAME), n.kind(),
                        limits.text("switchName", n.switchName(), MAX_NAME), n.forwardMode(), n.bridge(), n.vlan(),
                        limits.list("ipRanges", n.ipRanges(), MAX_PARTS), n.l2Policy(), n.active(),
                        limits.map("settings", n.settings(), Integer.MAX_VALUE)));
            }
        }
        List<TrafficFilterDefinition> filters = new ArrayList<>();
        for (TrafficFilterDefinition f : snapshot.filters()) {
            String id = (f.hostId() != null ? f.hostId() : snapshot.sourceId()) + "/nwfilter/" + f.name();
            if (limits.idFits("traffic filter", id, f.name())) {
                filters.add(new TrafficFilterDefinition(f.name(), f.hostId(), f.chain(),
                        limits.list("includes", f.includes(), MAX_PARTS), f.ruleCount()));
            }
        }
        List<VirtualMachine> vms = new ArrayList<>();
        for (VirtualMachine vm : snapshot.vms()) {
            if (limits.idFits("VM", vm.id(), vm.name())) {
                vms.add(limits.vm(vm));
            }
        }
        if (limits.warnings.isEmpty()) {
            return snapshot;
        }
        List<CollectionWarning> all = new ArrayList<>(snapshot.warnings());
        all.addAll(limits.warnings);
        return new InventorySnapshot(snapshot.sourceId(), snapshot.collectedAt(), sites, clusters, hosts, vms, networks,
                filters, all);
    }

    /**
     * A VM re-read on its own (a live event) within the limits; empty when its id is too long.
     *
     * @param warnings receives a warning for each change
     */
    public static java.util.Optional<VirtualMachine> apply(String sourceId, VirtualMachine vm,
                                                           List<CollectionWarning> warnings) {
        ObjectLimits limits = new ObjectLimits(sourceId);
        java.util.Optional<VirtualMachine> out = limits.idFits("VM", vm.id(), vm.name())
                ? java.util.Optional.of(limits.vm(vm)) : java.util.Optional.empty();
        warnings.addAll(limits.warnings);
        return out.map(v -> limits.warnings.isEmpty() ? vm : v);
    }

    private Host host(Host h) {
        return new Host(h.id(), h.sourceId(), text("name", h.name(), MAX_NAME), h.platform(), h.hypervisor(),
                text("productName", h.productName(), MAX_NAME), text("productVersion", h.productVersion(), MAX_VERSION),
                text("productBuild", h.productBuild(), MAX_VERSION),
                map("componentVersions", h.componentVersions(), MAX_VERSION),
                list("managementAddresses", h.managementAddresses(), MAX_PARTS), h.hardware(),
                reference("clusterId", h.clusterId()), reference("siteId", h.siteId()), h.connectionState(),
                map("settings", h.settings(), Integer.MAX_VALUE));
    }

    private VirtualMachine vm(VirtualMachine vm) {
        List<VirtualNic> nics = new ArrayList<>();
        for (VirtualNic nic : parts("nics", vm.nics(), MAX_PARTS)) {
            if (fits("nic id", nic.id(), MAX_ID) && fits("nic vmId", nic.vmId(), MAX_ID)) {
                nics.add(nic(nic));
            }
        }
        Map<String, String> labels = map("labels", vm.labels(), MAX_LABEL_VALUE);
        return new VirtualMachine(vm.id(), text("name", vm.name(), MAX_NAME), reference("hostId", vm.hostId()),
                reference("clusterId", vm.clusterId()), vm.powerState(), vm.guestOs(), vm.template(), vm.vcpus(),
                vm.memoryBytes(), parts("disks", vm.disks(), MAX_PARTS), nics,
                parts("snapshots", vm.snapshots(), MAX_SNAPSHOTS), parts("devices", vm.devices(), MAX_PARTS),
                parts("consoles", vm.consoles(), MAX_PARTS), parts("securityLabels", vm.securityLabels(), MAX_PARTS),
                labels, text("annotation", vm.annotation(), MAX_DESCRIPTION), vm.lastPowerOn(), vm.lastPowerOff(),
                map("settings", vm.settings(), Integer.MAX_VALUE));
    }

    private VirtualNic nic(VirtualNic n) {
        String mac = n.mac();
        if (mac != null && mac.length() > MAX_MAC) {
            warn("mac", mac.length(), MAX_MAC, "dropped");
            mac = null;
        }
        return new VirtualNic(n.id(), n.vmId(), mac, n.attachment(), text("nic networkName", n.networkName(), MAX_NAME),
                text("nic switchName", n.switchName(), MAX_NAME), n.sourceDevice(), n.sourceMode(), n.vlan(),
                n.model(), n.targetDevice(), n.filter(), n.ipAddresses(), n.connected());
    }

    private boolean idFits(String kind, String id, String name) {
        object = kind + " " + shorten(id) + (name == null || name.equals(id) ? "" : " (" + shorten(name) + ")");
        if (id.length() > MAX_ID) {
            warnings.add(new CollectionWarning(object, ErrorCode.INPUT_TOO_LARGE, "source " + sourceId + ": " + kind
                    + " skipped: id is " + id.length() + " characters, the limit is " + MAX_ID));
            return false;
        }
        return true;
    }

    private boolean fits(String field, String value, int limit) {
        if (value != null && value.length() > limit) {
            warn(field, value.length(), limit, "skipped");
            return false;
        }
        return true;
    }

    private String text(String field, String value, int limit) {
        if (value == null || value.length() <= limit) {
            return value;
        }
        warn(field, value.length(), limit, "cut to " + limit + " characters");
        int end = Character.isLowSurrogate(value.charAt(limit)) ? limit - 1 : limit;
        return value.substring(0, end);
    }

    /** A reference to another object: one longer than an id can be names nothing stored, so it is dropped. */
    private String reference(String field, String value) {
        if (value == null || value.length() <= MAX_ID) {
            return value;
        }
        warn(field, value.length(), MAX_ID, "dropped");
        return null;
    }

    private <T> List<T> parts(String field, List<T> values, int limit) {
        if (values.size() <= limit) {
            return values;
        }
        warnings.add(new CollectionWarning(object, ErrorCode.INPUT_TOO_LARGE, "source " + sourceId + ": " + field
                + " has " + values.size() + " entries, the limit is " + limit + "; the first " + limit + " kept"));
        return values.subList(0, limit);
    }

    private List<String> list(String field, List<String> values, int limit) {
        List<String> kept = new ArrayList<>();
        for (String v : parts(field, values, limit)) {
            kept.add(text(field + " entry", v, MAX_NAME));
        }
        return kept;
    }

    private <V> Map<String, V> map(String field, Map<String, V> values, int valueLimit) {
        Map<String, V> kept = new LinkedHashMap<>();
        int skippedKeys = 0;
        for (Map.Entry<String, V> e : values.entrySet()) {
            if (kept.size() >= MAX_MAP_ENTRIES) {
                warnings.add(new CollectionWarning(object, ErrorCode.INPUT_TOO_LARGE, "source " + sourceId + ": "
                        + field + " has " + values.size() + " entries, the limit is " + MAX_MAP_ENTRIES + "; "
                        + MAX_MAP_ENTRIES + " kept"));
                break;
            }
            if (e.getKey().length() > MAX_KEY) {
                skippedKeys++;
                continue;
            }
            V value = e.getValue();
            if (value instanceof String s && s.length() > valueLimit) {
                @SuppressWarnings("unchecked")
                V cut = (V) text(field + "." + e.getKey(), s, valueLimit);
                value = cut;
            }
            kept.put(e.getKey(), value);
        }
        if (skippedKeys > 0) {
            warnings.add(new CollectionWarning(object, ErrorCode.INPUT_TOO_LARGE, "source " + sourceId + ": "
                    + skippedKeys + " " + field + " entr" + (skippedKeys == 1 ? "y" : "ies")
                    + " skipped: key longer than " + MAX_KEY + " characters"));
        }
        return kept;
    }

    private void warn(String field, int length, int limit, String done) {
        warnings.add(new CollectionWarning(object, ErrorCode.INPUT_TOO_LARGE, "source " + sourceId + ": " + field
                + " is " + length + " characters, the limit is " + limit + "; " + done));
    }

    /** An id or name as shown in a warning: at most 80 characters, with the full length said. */
    private static String shorten(String text) {
        if (text == null || text.length() <= 80) {
            return text;
        }
        return text.substring(0, 60) + "... [" + text.length() + " characters]";
    }
}
