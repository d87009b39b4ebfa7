package org.virtguard.flows.aggregate;

import java.time.Instant;
import java.util.Objects;

/**
 * Traffic between two VMs or two zones during one minute, with renormalised (sampling-corrected) counters.
 *
 * @param minute         start of the minute
 * @param kind           VM or zone edge
 * @param from           source VM name or zone name
 * @param to             destination VM name or zone name
 * @param eastWestOnHost for VM edges, whether both VMs were on the same host
 * @param flows          flow records
 * @param packets        packets (renormalised by the sampling interval)
 * @param bytes          bytes (renormalised by the sampling interval)
 */
public record FlowEdge(Instant minute, EdgeKind kind, String from, String to, boolean eastWestOnHost, long flows,
                       long packets, long bytes) {
    public FlowEdge {
        Objects.requireNonNull(minute, "minute");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
