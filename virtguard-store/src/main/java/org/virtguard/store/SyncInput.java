package org.virtguard.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.virtguard.model.Cluster;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Host;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Network;
import org.virtguard.model.ObjectLimits;
import org.virtguard.model.Site;
import org.virtguard.model.TrafficFilterDefinition;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;

/**
 * The union of one sync run's snapshots, checked and serialized before any database work: every object
 * id at most once per kind across all snapshots, every vNIC owned by the VM it names, no source both
 * read and failed. Every object is first held to the {@link ObjectLimits} the columns are sized to, so that one
 * over-long name or id cannot fail the whole run (callers that show warnings apply the limits before, see
 * {@link ObjectLimits#apply(InventorySnapshot)}; here they only protect the write). A host's
 * {@link org.virtguard.model.HostIdentitySettings#PREVIOUS_IDS} setting is taken out of its record into
 * {@code previousHostIds} (by host id): it tells the store which history to re-key, and is not a host setting to track.
 */
record SyncInput(List<String> syncedSources, List<String> failedSources, List<Incoming<Site>> sites,
                 List<Incoming<Cluster>> clusters, List<Incoming<Host>> hosts, List<Incoming<Network>> networks,
                 List<Incoming<TrafficFilterDefinition>> filters, List<Incoming<VirtualMachine>> vms,
                 Map<String, String> hostNames, Map<String, List<String>> previousHostIds) {

    private static final int MAX_LISTED = 5;

    static SyncInput of(List<InventorySnapshot> collected, List<SourceFailure> failures) {
        Objects.requireNonNull(collected, "snapshots");
        Objects.requireNonNull(failures, "failures");
        List<InventorySnapshot> snapshots = collected.stream()
                .map(s -> ObjectLimits.apply(Objects.requireNonNull(s, "snapshot"))).toList();
        List<String> synced = snapshots.stream().map(InventorySnapshot::sourceId).toList();
        List<String> failed = failures.stream().map(f -> Objects.requireNonNull(f, "failure").sourceId()).toList();
        requireUnique("snapshot source", synced);
        requireUnique("failed source", failed);
        List<String> both = synced.stream().filter(failed::contains).toList();
        if (!both.isEmpty()) {
            throw invalid("source(s) both read and failed in one run: " + String.join(", ", both));
        }

        List<Incoming<Site>> sites = new ArrayList<>();
        List<Incoming<Cluster>> clusters = new ArrayList<>();
        List<Incoming<Host>> hosts = new ArrayList<>();
        List<Incoming<Network>> networks = new ArrayList<>();
        List<Incoming<TrafficFilterDefinition>> filters = new ArrayList<>();
        List<Incoming<VirtualMachine>> vms = new ArrayList<>();
        Map<String, String> hostNames = new HashMap<>();
        Map<String, List<String>> previousHostIds = new HashMap<>();
        for (InventorySnapshot s : snapshots) {
            String src = s.sourceId();
            s.sites().forEach(x -> sites.add(Incoming.of(x.id(), x.name(), src, x)));
            s.clusters().forEach(x -> clusters.add(Incoming.of(x.id(), x.name(), src, x)));
            for (Host x : s.hosts()) {
                List<String> previous = HostRekey.previousIds(x);
                if (!previous.isEmpty()) {
                    previousHostIds.put(x.id(), previous);
                }
                Host stored = HostRekey.withoutPreviousIds(x);
                hosts.add(Incoming.of(stored.id(), stored.name(), src, stored));
            }
            s.networks().forEach(x -> networks.add(Incoming.of(x.id(), x.name(), src, x)));
            s.filters().forEach(x -> filters.add(Incoming.of(Tables.filterId(src, x), x.name(), src, x)));
            for (VirtualMachine vm : s.vms()) {
                requireOwnNics(vm);
                vms.add(Incoming.of(vm.id(), vm.name(), src, vm));
            }
            s.hosts().forEach(h -> hostNames.put(h.id(), h.name()));
        }
        requireUniqueIds("site", sites);
        requireUniqueIds("cluster", clusters);
        requireUniqueIds("host", hosts);
        requireUniqueIds("network", networks);
        requireUniqueIds("traffic filter", filters);
        requireUniqueIds("VM", vms);
        requireUnique("vNIC id", vms.stream().flatMap(v -> v.record().nics().stream()).map(VirtualNic::id).toList());
        return new SyncInput(synced, failed, sites, clusters, hosts, networks, filters, vms, hostNames,
                previousHostIds);
    }

    /** Checks a single VM re-read by a live event. */
    static Incoming<VirtualMachine> ofVm(String sourceId, String vmId, VirtualMachine update) {
        if (!update.id().equals(vmId)) {
            throw invalid("VM update for id " + vmId + " carries VM id " + update.id());
        }
        List<org.virtguard.model.CollectionWarning> warnings = new ArrayList<>();
        VirtualMachine vm = ObjectLimits.apply(sourceId, update, warnings).orElseThrow(() -> new StoreException(
                ErrorCode.INPUT_TOO_LARGE, "VM update rejected: " + warnings.getFirst().object() + ": "
                        + warnings.getFirst().message()));
        requireOwnNics(vm);
        requireUnique("vNIC id", vm.nics().stream().map(VirtualNic::id).toList());
        return Incoming.of(vm.id(), vm.name(), sourceId, vm);
    }

    private static void requireOwnNics(VirtualMachine vm) {
        for (VirtualNic nic : vm.nics()) {
            if (!nic.vmId().equals(vm.id())) {
                throw invalid("vNIC " + nic.id() + " of VM " + vm.id() + " (" + vm.name() + ") names VM "
                        + nic.vmId());
            }
        }
    }

    private static void requireUniqueIds(String kind, List<? extends Incoming<?>> objects) {
        Map<String, List<String>> sourcesById = new HashMap<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (Incoming<?> o : objects) {
            List<String> sources = sourcesById.computeIfAbsent(o.id(), k -> new ArrayList<>());
            sources.add(o.sourceId());
            if (sources.size() > 1) {
                duplicates.add(o.id());
            }
        }
        if (!duplicates.isEmpty()) {
            List<String> listed = duplicates.stream().limit(MAX_LISTED)
                    .map(id -> id + " (sources " + String.join(", ", sourcesById.get(id)) + ")").toList();
            throw invalid(duplicates.size() + " duplicate " + kind + " id(s): " + String.join("; ", listed)
                    + (duplicates.size() > MAX_LISTED ? "; ..." : ""));
        }
    }

    private static void requireUnique(String what, List<String> values) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                duplicates.add(v);
            }
        }
        if (!duplicates.isEmpty()) {
            throw invalid("duplicate " + what + "(s): " + String.join(", ", duplicates.stream().limit(MAX_LISTED)
                    .toList()) + (duplicates.size() > MAX_LISTED ? ", ..." : ""));
        }
    }

    private static StoreException invalid(String detail) {
        return new StoreException(ErrorCode.INVALID_INPUT, "inventory update rejected: " + detail);
    }
}
