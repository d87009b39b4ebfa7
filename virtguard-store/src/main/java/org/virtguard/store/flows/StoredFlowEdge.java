package org.virtguard.store.flows;

import java.time.Instant;
import java.util.Objects;

/**
 * Traffic between two VMs or two zones during one minute.
 *
 * @param minute    start of the minute
 * @param kind      {@code VM} or {@code ZONE}
 * @param from      source VM or zone name
 * @param to        destination VM or zone name
 * @param eastWest  both VMs on one host (never on the physical network)
 * @param flows     flow records
 * @param packets   packets, renormalised by sampling
 * @param bytes     bytes, renormalised by sampling
 */
public record StoredFlowEdge(Instant minute, String kind, String from, String to, boolean eastWest, long flows,
                             long packets, long bytes) {
    public StoredFlowEdge {
        Objects.requireNonNull(minute, "minute");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
