package org.virtguard.service.durable;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.virtguard.model.Alert;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.VirtualMachine;
import org.virtguard.store.InventoryJson;
import org.virtguard.store.flows.StoredFlowEdge;

/**
 * One write waiting for the store, in the form kept in memory and spilled to disk as one JSON line.
 *
 * @param type     what to write
 * @param at       when it happened (alert time, VM read, stale mark)
 * @param alert    the alert, for {@link Type#ALERT}
 * @param edges    the flow edges, for {@link Type#EDGES}
 * @param sourceId the source, for {@link Type#VM} and {@link Type#STALE}
 * @param vmId     the VM's id, for {@link Type#VM}
 * @param vm       the VM as read, for {@link Type#VM}; {@code null} when it no longer exists
 * @param reason   why the source is stale, for {@link Type#STALE}
 */
record PendingWrite(Type type, Instant at, Alert alert, List<StoredFlowEdge> edges, String sourceId, String vmId,
                    VirtualMachine vm, String reason) {

    /** Kinds of writes. */
    enum Type { ALERT, EDGES, VM, STALE }

    PendingWrite {
        Objects.requireNonNull(type, "type");
        edges = edges == null ? null : List.copyOf(edges);
    }

    static PendingWrite alert(Alert alert, Instant at) {
        return new PendingWrite(Type.ALERT, Objects.requireNonNull(at, "at"), Objects.requireNonNull(alert, "alert"),
                null, null, null, null, null);
    }

    static PendingWrite edges(List<StoredFlowEdge> edges) {
        return new PendingWrite(Type.EDGES, null, null, edges, null, null, null, null);
    }

    static PendingWrite vm(String sourceId, String vmId, Optional<VirtualMachine> vm, Instant at) {
        return new PendingWrite(Type.VM, Objects.requireNonNull(at, "at"), null, null,
                Objects.requireNonNull(sourceId, "sourceId"), Objects.requireNonNull(vmId, "vmId"), vm.orElse(null), null);
    }

    static PendingWrite stale(String sourceId, String reason, Instant at) {
        return new PendingWrite(Type.STALE, Objects.requireNonNull(at, "at"), null, null,
                Objects.requireNonNull(sourceId, "sourceId"), null, null, reason);
    }

    /**
     * Writes this to the store.
     *
     * @return the inventory changes the write logged (empty for alerts, edges)
     * @throws RuntimeException whatever the store throws
     */
    List<InventoryChange> apply(WriteTargets targets) {
        return switch (type) {
            case ALERT -> {
                targets.alerts().record(alert, at);
                targets.alertWritten().run();
                yield List.of();
            }
            case EDGES -> {
                targets.flows().add(edges);
                yield List.of();
            }
            case VM -> targets.inventory().applyVm(sourceId, vmId, Optional.ofNullable(vm), at);
            case STALE -> {
                targets.inventory().markStale(sourceId, reason, at);
                yield List.of();
            }
        };
    }

    /** One line of canonical JSON. */
    String toLine() {
        return InventoryJson.write(this);
    }

    static PendingWrite fromLine(String line) {
        return InventoryJson.read(line, PendingWrite.class);
    }

    /** A short description for log lines. */
    String describe() {
        return switch (type) {
            case ALERT -> "alert " + alert.key();
            case EDGES -> edges.size() + " flow edge(s)";
            case VM -> "update of VM " + vmId + " from " + sourceId;
            case STALE -> "stale mark of source " + sourceId;
        };
    }
}
