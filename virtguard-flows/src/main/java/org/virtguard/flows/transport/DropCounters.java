package org.virtguard.flows.transport;

import java.util.List;

/**
 * Where a collector lost datagrams: its own queue (queued mode), the kernel's socket buffers, and senders outside
 * the allowed exporter networks.
 *
 * @param queueDrops      datagrams dropped because VirtGuard's queue was full (0 in inline mode)
 * @param socketDrops     the kernel's drops per bound socket
 * @param notAllowedDrops datagrams dropped before decoding because their sender is not an allowed exporter
 */
public record DropCounters(long queueDrops, List<SocketDrops> socketDrops, long notAllowedDrops) {

    public DropCounters {
        socketDrops = List.copyOf(socketDrops);
    }

    /** Counters without sender filtering. */
    public DropCounters(long queueDrops, List<SocketDrops> socketDrops) {
        this(queueDrops, socketDrops, 0);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("queue drops ").append(queueDrops);
        if (notAllowedDrops > 0) {
            b.append(", not-allowed sender drops ").append(notAllowedDrops);
        }
        for (SocketDrops s : socketDrops) {
            b.append(", ").append(s);
        }
        return b.toString();
    }
}
