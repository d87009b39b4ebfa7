package org.virtguard.server.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.virtguard.model.Alert;
import org.virtguard.model.Cluster;
import org.virtguard.model.Collected;
import org.virtguard.model.ConnectionState;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Host;
import org.virtguard.model.HostHardware;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.Severity;
import org.virtguard.model.Site;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.VlanConfig;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.store.Store;
import org.virtguard.store.flows.StoredFlowEdge;
import org.virtguard.store.response.ActionRequest;
import org.virtguard.store.security.AuditRecord;

/**
 * A reproducible lab of any size (5,000 VMs for the console's scale test and a large demo): sites, clusters, hosts
 * and VMs whose vNICs sit on the lab's zone networks ({@code mgmt}, {@code default}, {@code br-db}, {@code dmz},
 * as in {@code lab/policy/zones.yaml}), a few mixed-trust hosts, and the history a console shows: a VM that moved
 * host and a vNIC that moved network, response actions and audit entries (stored), alerts raised by VMs and
 * per-minute flow edges (built, for the caller to record through its alert and flow paths).
 * The same seed gives the same lab.
 */
public final class ScaleLab {

    /** The lab's networks, each one zone's, in {@code lab/policy/zones.yaml}. */
    public static final List<String> NETWORKS = List.of("default", "br-db", "dmz", "mgmt");
    private static final Map<String, TrustZone> ZONES = Map.of("default", new TrustZone("internal", 50, false),
            "br-db", new TrustZone("internal", 50, false), "dmz", new TrustZone("dmz", 10, false),
            "mgmt", new TrustZone("mgmt", 90, true));
    private static final String[] ROLES = {"web", "app", "db", "cache", "batch", "jump", "mail", "dns"};
    private static final int VMS_PER_HOST = 50;

    private final String sourceId;
    private final int vmCount;
    private final long seed;

    /**
     * @param sourceId the source the lab's objects belong to
     * @param vmCount  how many VMs (hosts: one per 50 VMs, at least 2; two sites of two clusters each)
     * @param seed     the random seed
     */
    public ScaleLab(String sourceId, int vmCount, long seed) {
        if (vmCount < 1 || vmCount > 1_000_000) {
            throw new IllegalArgumentException("vmCount must be between 1 and 1,000,000, got " + vmCount);
        }
        this.sourceId = sourceId;
        this.vmCount = vmCount;
        this.seed = seed;
    }

    /** Zones by network name, as {@code lab/policy/zones.yaml} assigns them (for tests without a policy file). */
    public static ZoneResolver zones() {
        return new ZoneResolver() {
            @Override
            public Optional<TrustZone> zoneOf(VirtualMachine vm, VirtualNic nic) {
                return Optional.ofNullable(nic.networkName()).map(ZONES::get);
            }

            @Override
            public Optional<TrustZone> zoneOfAddress(String address) {
                return Optional.empty();
            }
        };
    }

    /** The inventory at {@code at}. */
    public InventorySnapshot snapshot(Instant at) {
        Random random = new Random(seed);
        int hostCount = Math.max(2, (vmCount + VMS_PER_HOST - 1) / VMS_PER_HOST);
        List<Site> sites = List.of(new Site("site-east", "east"), new Site("site-west", "west"));
        List<Cluster> clusters = new ArrayList<>();
        for (Site s : sites) {
            for (int c = 0; c < 2; c++) {
                clusters.add(new Cluster(s.id() + "-c" + c, s.name() + "-c" + c, s.id(), Map.of()));
            }
        }
        List<Host> hosts = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        for (int h = 0; h < hostCount; h++) {
            Cluster cluster = clusters.get(h % clusters.size());
            String id = sourceId + "/host-" + String.format(Locale.ROOT, "%04d", h);
            hosts.add(new Host(id, sourceId, String.format(Locale.ROOT, "kvm%04d", h), Platform.LIBVIRT,
                    HypervisorKind.KVM, "QEMU", "8.2.0", "8.2.0", Map.of(), List.of(address(10, h, 0, 10)),
                    new HostHardware("EPYC", 2, 16, 2, 64, 2400, 512L << 30, 2), cluster.id(), cluster.siteId(),
                    ConnectionState.CONNECTED, Map.of()));
            for (String n : NETWORKS) {
                networks.add(new Network(id + "/net/" + n, id, n, NetworkKind.LIBVIRT_NETWORK, "virbr-" + n, "nat",
                        "virbr-" + n, Collected.of(VlanConfig.none()), List.of("192.168." + (h % 250) + ".0/24"),
                        org.virtguard.model.L2SecurityPolicy.notCollected("libvirt networks have no such policy"),
                        true, Map.of()));
            }
        }
        List<VirtualMachine> vms = new ArrayList<>(vmCount);
        for (int v = 0; v < vmCount; v++) {
            int h = v % hostCount;
            String hostId = hosts.get(h).id();
            // a cluster serves one zone; one host in ten also runs a VM of another zone (mixed trust)
            String network = NETWORKS.get(h % clusters.size());
            if (h % 10 == 3 && v / hostCount == 0) {
                network = "dmz".equals(network) ? "default" : "dmz";
            }
            String id = String.format(Locale.ROOT, "%s/vm-%06d", sourceId, v);
            List<VirtualNic> nics = new ArrayList<>();
            nics.add(nic(id, v, 0, network, random));
            if (random.nextInt(20) == 0) {
                nics.add(nic(id, v, 1, "mgmt", random));
            }
            VirtualMachine vm = VirtualMachine.builder(id, name(v)).hostId(hostId)
                    .powerState(random.nextInt(5) == 0 ? PowerState.OFF : PowerState.RUNNING)
                    .guestOs(Collected.of("linux")).vcpus(1 + random.nextInt(8)).memoryBytes((1L + random.nextInt(16)) << 30)
                    .nics(nics).build();
            vms.add(vm);
        }
        return new InventorySnapshot(sourceId, at, sites, clusters, hosts, vms, networks, List.of(), List.of());
    }

    /** The name of VM number {@code v}. */
    public static String name(int v) {
        return String.format(Locale.ROOT, "%s%05d", ROLES[v % ROLES.length], v);
    }

    private static VirtualNic nic(String vmId, int v, int index, String network, Random random) {
        String mac = String.format(Locale.ROOT, "52:54:%02x:%02x:%02x:%02x", index, (v >> 16) & 0xff, (v >> 8) & 0xff,
                v & 0xff);
        Collected<List<String>> ips = random.nextInt(3) == 0 ? Collected.notCollected("no guest agent")
                : Collected.of(List.of(address(172, 16 + index, v >> 8, v & 0xff)));
        return new VirtualNic(VirtualNic.idFor(vmId, mac, index), vmId, mac, NicAttachment.NETWORK, network, null,
                null, null, Collected.of(VlanConfig.none()), "virtio", "vnet" + index, null, ips, true);
    }

    private static String address(int a, int b, int c, int d) {
        return a + "." + (b & 0xff) + "." + (c & 0xff) + "." + (d & 0xff);
    }

    /**
     * Stores the inventory with its history of moves: the snapshot two hours before {@code at}, then VM 0 moving to
     * the second host and its first vNIC moving to the {@code dmz} network. Alerts and flow edges are only built
     * here ({@link #alerts}, {@link #flowEdges}): the caller records them through its alert path.
     */
    public InventorySnapshot storeInventory(Store store, Instant at) {
        InventorySnapshot snapshot = snapshot(at.minus(Duration.ofHours(2)));
        store.inventory().applySync(List.of(snapshot), List.of(), snapshot.collectedAt());
        VirtualMachine first = snapshot.vms().get(0);
        VirtualNic nic = first.nics().get(0);
        VirtualNic moved = new VirtualNic(nic.id(), nic.vmId(), nic.mac(), nic.attachment(), "dmz", nic.switchName(),
                nic.sourceDevice(), nic.sourceMode(), nic.vlan(), nic.model(), nic.targetDevice(), nic.filter(),
                nic.ipAddresses(), nic.connected());
        store.inventory().applyVm(sourceId, first.id(), Optional.of(first.toBuilder()
                .hostId(snapshot.hosts().get(1).id()).build()), at.minus(Duration.ofMinutes(90)));
        store.inventory().applyVm(sourceId, first.id(), Optional.of(first.toBuilder()
                .hostId(snapshot.hosts().get(1).id()).nics(List.of(moved)).build()), at.minus(Duration.ofMinutes(60)));
        return snapshot;
    }

    /** Up to 250 alerts raised by the lab's VMs in the two hours before {@code at} (auth brute force, port scans). */
    public List<Alert> alerts(InventorySnapshot snapshot, Instant at) {
        Random random = new Random(seed + 1);
        Severity[] severities = Severity.values();
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < Math.max(5, Math.min(250, vmCount / 20)); i++) {
            VirtualMachine vm = snapshot.vms().get(random.nextInt(snapshot.vms().size()));
            Instant seen = at.minus(Duration.ofSeconds(random.nextInt(7200)));
            boolean auth = i % 2 == 0;
            Endpoint source = new Endpoint(address(172, 16, i >> 8, i & 0xff), null, vm.id(), vm.name(), vm.hostId(),
                    null, null, false);
            alerts.add(new Alert((auth ? "auth.bruteforce|" : "flow.portscan|") + vm.id() + "|" + i,
                    auth ? "auth.bruteforce" : "flow.portscan", severities[random.nextInt(severities.length)],
                    (auth ? "SSH brute force from " : "Port scan from ") + vm.name(), source, null,
                    seen.minusSeconds(60), seen, 1 + random.nextInt(500), Map.of("ports", "22,80,443"),
                    List.of("evidence line " + i)));
        }
        return alerts;
    }

    /** An hour of per-minute flow edges between the lab's VMs before {@code at} (VM 0 talks every minute). */
    public List<StoredFlowEdge> flowEdges(Instant at) {
        Random random = new Random(seed + 2);
        List<StoredFlowEdge> edges = new ArrayList<>();
        Instant minute = at.minus(Duration.ofMinutes(60)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        for (int m = 0; m < 60; m++) {
            for (int e = 0; e < Math.max(5, vmCount / 100); e++) {
                int from = e == 0 ? 0 : random.nextInt(vmCount);
                edges.add(new StoredFlowEdge(minute.plusSeconds(60L * m), "VM", name(from), name(random.nextInt(vmCount)),
                        random.nextBoolean(), 1 + random.nextInt(20), 10 + random.nextInt(500),
                        1000L + random.nextInt(1_000_000)));
            }
        }
        return dedupe(edges);
    }

    /** Forty quarantine requests, the first on VM 0, and 120 audit entries, stored. */
    public void storeResponsesAndAudit(Store store, InventorySnapshot snapshot, Instant at) {
        Random random = new Random(seed + 3);
        for (int i = 0; i < 40; i++) {
            VirtualMachine vm = i == 0 ? snapshot.vms().get(0) : snapshot.vms().get(random.nextInt(snapshot.vms().size()));
            Instant requested = at.minus(Duration.ofMinutes(100 - i));
            store.responses().create(new ActionRequest("quarantine", vm.id(), vm.name(), sourceId,
                    Map.of("network", "quarantine"), false, List.of("move vNIC " + vm.nics().get(0).mac() + " to quarantine"),
                    null, "scale lab request " + i, "policy:scale-lab", requested, requested.plus(Duration.ofHours(4))));
        }
        for (int i = 0; i < 120; i++) {
            store.security().audit().append(new AuditRecord(i % 3 == 0 ? "admin" : "operator",
                    i % 2 == 0 ? "session.login" : "alert.acknowledge", "target-" + i, "success", "127.0.0.1",
                    "scale lab entry " + i), at.minus(Duration.ofSeconds(3000 - i)));
        }
    }

    private static List<StoredFlowEdge> dedupe(List<StoredFlowEdge> edges) {
        Map<String, StoredFlowEdge> unique = new java.util.LinkedHashMap<>();
        for (StoredFlowEdge e : edges) {
            unique.putIfAbsent(e.minute() + "|" + e.from() + "|" + e.to() + "|" + e.eastWest(), e);
        }
        return new ArrayList<>(unique.values());
    }
}
