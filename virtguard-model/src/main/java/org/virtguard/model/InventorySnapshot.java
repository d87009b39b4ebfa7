package org.virtguard.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one source reported in one complete collection. A snapshot replaces the source's
 * previous one; objects absent from it are considered removed from that source.
 */
public record InventorySnapshot(String sourceId, Instant collectedAt, List<Site> sites, List<Cluster> clusters,
                                List<Host> hosts, List<VirtualMachine> vms, List<Network> networks,
                                List<TrafficFilterDefinition> filters, List<CollectionWarning> warnings) {
    public InventorySnapshot {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(collectedAt, "collectedAt");
        sites = List.copyOf(sites == null ? List.of() : sites);
        clusters = List.copyOf(clusters == null ? List.of() : clusters);
        hosts = List.copyOf(hosts == null ? List.of() : hosts);
        vms = List.copyOf(vms == null ? List.of() : vms);
        networks = List.copyOf(networks == null ? List.of() : networks);
        filters = List.copyOf(filters == null ? List.of() : filters);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }
}
