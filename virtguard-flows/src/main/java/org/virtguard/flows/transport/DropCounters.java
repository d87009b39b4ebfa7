package org.virtguard.flows.transport;

import java.util.List;

/**
 * Where a collector lost datagrams: its own queue (queued mode) and the kernel's socket buffers.
 *
 * @param queueDrops  datagrams dropped because VirtGuard's queue was full (0 in inline mode)
 * @param socketDrops the kernel's drops per bound socket
 */
public record DropCounters(long queueDrops, List<SocketDrops> socketDrops) {

    public DropCounters {
        socketDrops = List.copyOf(socketDrops);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("queue drops ").append(queueDrops);
        for (SocketDrops s : socketDrops) {
            b.append(", ").append(s);
        }
        return b.toString();
    }
}
