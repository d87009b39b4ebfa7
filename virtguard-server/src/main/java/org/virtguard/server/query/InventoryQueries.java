package org.virtguard.server.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.virtguard.model.InventoryChange;
import org.virtguard.model.PowerState;
import org.virtguard.model.Severity;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.server.ServerContext;
import org.virtguard.server.metrics.AlertStats;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredVm;
import org.virtguard.store.alerts.AlertStatus;
import org.virtguard.store.findings.TrendPoint;

/** Read models over the inventory shared by the API and the console. */
public final class InventoryQueries {

    private static final int RECENT_CHANGES = 15;
    private static final Duration RECENT_WINDOW = Duration.ofDays(30);
    private static final int TREND_POINTS = 30;

    private final ServerContext context;
    private final AlertStats alertStats;

    public InventoryQueries(ServerContext context) {
        this.context = context;
        this.alertStats = new AlertStats(context.store().alerts());
    }

    public DashboardSummary dashboard() {
        var inventory = context.store().inventory();
        var listing = new org.virtguard.store.InventoryListing(context.store().jdbi());
        var sources = inventory.sources();
        Map<String, Long> alerts = new LinkedHashMap<>();
        alertStats.bySeverity(AlertStatus.OPEN).forEach((s, n) -> alerts.put(s.name(), n));
        Map<String, Long> failing = context.policy().map(p -> bySeverityName(p.failingBySeverity())).orElse(null);
        Map<String, Map<String, Long>> byArea = context.policy().map(p -> {
            Map<String, Map<String, Long>> m = new TreeMap<>();
            p.failingByArea().forEach((area, counts) -> m.put(area, bySeverityName(counts)));
            return m;
        }).orElse(null);
        List<TrendPoint> trend = context.policy().map(p -> p.trend(TREND_POINTS)).orElse(null);
        int running = (int) listing.countVms(PowerState.RUNNING);
        int stale = (int) sources.stream().filter(s -> s.stale()).count();
        return new DashboardSummary(context.clock().instant(), (int) listing.countHosts(), (int) listing.countVms(null),
                running,
                sources.size(), stale, alerts, failing, recentChanges(RECENT_CHANGES), byArea, trend,
                context.policy().map(InventoryQueries::byStatus).orElse(null));
    }

    private static Map<String, Long> byStatus(org.virtguard.server.views.PolicyView policy) {
        Map<String, Long> m = new LinkedHashMap<>();
        Map<org.virtguard.model.CheckStatus, Long> counts = policy.openByStatus();
        for (org.virtguard.model.CheckStatus s : List.of(org.virtguard.model.CheckStatus.FAIL,
                org.virtguard.model.CheckStatus.EXCEPTED, org.virtguard.model.CheckStatus.ERROR,
                org.virtguard.model.CheckStatus.NOT_COLLECTED)) {
            m.put(s.name(), counts.getOrDefault(s, 0L));
        }
        return m;
    }

    private static Map<String, Long> bySeverityName(Map<Severity, Long> counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            m.put(s.name(), counts.getOrDefault(s, 0L));
        }
        return m;
    }

    /** The newest changes of the last 30 days, newest first (read newest first by index, however many there are). */
    public List<InventoryChange> recentChanges(int count) {
        Instant since = context.clock().instant().minus(RECENT_WINDOW);
        return new org.virtguard.store.InventoryListing(context.store().jdbi()).newestChanges(count).stream()
                .filter(c -> !c.at().isBefore(since)).toList();
    }

    /** Changes of the last 30 days of one object and of a VM's vNICs, newest first, by index. */
    public List<InventoryChange> changesOf(String objectId, int count) {
        Instant since = context.clock().instant().minus(RECENT_WINDOW);
        return new org.virtguard.store.InventoryListing(context.store().jdbi()).history(objectId, 0, count).stream()
                .filter(c -> !c.at().isBefore(since)).toList();
    }

    /** Current hosts, by name. */
    public List<StoredHost> hosts() {
        return context.store().inventory().hosts();
    }

    public Map<String, String> hostNames() {
        return context.store().inventory().hosts().stream()
                .collect(Collectors.toMap(h -> h.host().id(), h -> h.host().name(), (a, b) -> a));
    }

    /** VMs whose name, id, host, MAC or address contains {@code query} (case-insensitive), by name then id. */
    public List<VmSummary> searchVms(String query, Optional<String> hostId) {
        Map<String, String> hosts = hostNames();
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        return context.store().inventory().vms().stream()
                .filter(v -> hostId.isEmpty() || hostId.get().equals(v.vm().hostId()))
                .map(v -> summary(v, hosts))
                .filter(s -> q.isEmpty() || s.searchText().contains(q))
                .sorted(Comparator.comparing(VmSummary::name).thenComparing(VmSummary::id))
                .toList();
    }

    public VmSummary summary(StoredVm stored, Map<String, String> hostNames) {
        VirtualMachine vm = stored.vm();
        List<String> zones = vm.nics().stream().map(n -> zoneOf(vm, n).map(TrustZone::name).orElse(null))
                .filter(z -> z != null).distinct().sorted().toList();
        List<String> networks = vm.nics().stream().map(VirtualNic::networkName).filter(n -> n != null).distinct()
                .sorted().toList();
        List<String> addresses = new ArrayList<>();
        for (VirtualNic nic : vm.nics()) {
            if (nic.mac() != null) {
                addresses.add(nic.mac());
            }
            if (nic.ipAddresses().isCollected() && nic.ipAddresses().value() != null) {
                addresses.addAll(nic.ipAddresses().value());
            }
        }
        return new VmSummary(vm.id(), vm.name(), vm.hostId(), hostNames.getOrDefault(vm.hostId(), vm.hostId()),
                vm.powerState().name(), vm.template(), vm.vcpus(), vm.memoryBytes(), vm.nics().size(), networks,
                zones, addresses, stored.sourceId(), stored.stale(), stored.firstSeen(), stored.lastSeen());
    }

    public Optional<TrustZone> zoneOf(VirtualMachine vm, VirtualNic nic) {
        try {
            return context.zones().zoneOf(vm, nic);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private record CachedTopology(long version, Object zones, List<TopologyNode> sites) {
    }

    private volatile CachedTopology cachedTopology;

    /**
     * Sites, then clusters, then hosts, then VMs, each level sorted by name. Built from every VM's document, so it
     * is kept until the inventory's next write (its version is one indexed read).
     */
    public List<TopologyNode> topology() {
        long version = new org.virtguard.store.InventoryListing(context.store().jdbi()).version();
        CachedTopology cached = cachedTopology;
        if (cached != null && cached.version() == version && cached.zones() == context.zones()) {
            return cached.sites();
        }
        List<TopologyNode> sites = buildTopology();
        cachedTopology = new CachedTopology(version, context.zones(), sites);
        return sites;
    }

    private List<TopologyNode> buildTopology() {
        Map<String, String> hostNames = hostNames();
        Map<String, List<StoredVm>> vmsByHost = context.store().inventory().vms().stream()
                .collect(Collectors.groupingBy(v -> String.valueOf(v.vm().hostId())));
        Map<String, Map<String, List<StoredHost>>> tree = new TreeMap<>();
        for (StoredHost h : context.store().inventory().hosts()) {
            tree.computeIfAbsent(label(h.host().siteId(), "(no site)"), k -> new TreeMap<>())
                    .computeIfAbsent(label(h.host().clusterId(), "(no cluster)"), k -> new ArrayList<>()).add(h);
        }
        List<TopologyNode> sites = new ArrayList<>();
        tree.forEach((site, clusters) -> {
            List<TopologyNode> clusterNodes = new ArrayList<>();
            clusters.forEach((cluster, hosts) -> {
                List<TopologyNode> hostNodes = hosts.stream().sorted(Comparator.comparing(h -> h.host().name()))
                        .map(h -> hostNode(h, vmsByHost.getOrDefault(h.host().id(), List.of()), hostNames)).toList();
                clusterNodes.add(new TopologyNode("cluster", cluster, cluster, List.of(), false, hostNodes));
            });
            sites.add(new TopologyNode("site", site, site, List.of(), false, clusterNodes));
        });
        return sites;
    }

    private TopologyNode hostNode(StoredHost h, List<StoredVm> vms, Map<String, String> hostNames) {
        List<TopologyNode> vmNodes = vms.stream().map(v -> summary(v, hostNames))
                .sorted(Comparator.comparing(VmSummary::name))
                .map(s -> new TopologyNode("vm", s.id(), s.name(), s.zones(), false, List.of())).toList();
        List<String> zones = vmNodes.stream().flatMap(n -> n.zones().stream()).distinct().sorted().toList();
        return new TopologyNode("host", h.host().id(), h.host().name(), zones, zones.size() > 1, vmNodes);
    }

    private static String label(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, i -> i, (a, b) -> a, LinkedHashMap::new));
    }

    /** The instant {@code window} before now. */
    public Instant ago(Duration window) {
        return context.clock().instant().minus(window);
    }
}
