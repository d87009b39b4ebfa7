package org.virtguard.flows.aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.virtguard.flows.evaluate.FlowContext;

/**
 * Sums flows into per-minute VM↔VM and zone↔zone edges. Looking up an existing edge does not allocate (a reused
 * probe key); a new edge allocates once. Recent edges are remembered in a small direct-mapped cache in front of the
 * map, so the few busy edges (zone pairs, both directions) skip the map: names are compared by identity, which
 * holds for names taken from the same inventory objects, and anything else falls back to the map. Closed minutes are taken out with {@link #drainBefore(long)} and handed
 * to storage. Bounded: beyond {@code maxEdges} open edges, further new edges are counted as dropped.
 */
public final class EdgeAggregator {

    private static final long MINUTE = 60_000;

    private final Map<Key, long[]> edges = new HashMap<>();
    private final Key probe = new Key();
    private static final int CACHE_SLOTS = 32;
    private final Key[] cacheKeys = new Key[CACHE_SLOTS];
    private final long[][] cacheSums = new long[CACHE_SLOTS][];
    private final int maxEdges;
    private long droppedEdges;

    /** An aggregator keeping at most {@code maxEdges} open edges. */
    public EdgeAggregator(int maxEdges) {
        this.maxEdges = maxEdges;
        for (int i = 0; i < CACHE_SLOTS; i++) {
            cacheKeys[i] = new Key();
        }
    }

    /** Adds one attributed flow to its minute's edges. */
    public void add(FlowContext flow) {
        long minute = Math.floorDiv(flow.timeMillis(), MINUTE) * MINUTE;
        long packets = flow.record.scaledPackets();
        long bytes = flow.record.scaledBytes();
        if (flow.source.vmName() != null && flow.destination.vmName() != null) {
            add(minute, EdgeKind.VM, flow.source.vmName(), flow.destination.vmName(), flow.eastWestOnHost(),
                    packets, bytes);
        }
        if (flow.source.zone() != null && flow.destination.zone() != null) {
            add(minute, EdgeKind.ZONE, flow.source.zone().name(), flow.destination.zone().name(), false, packets,
                    bytes);
        }
    }

    private void add(long minute, EdgeKind kind, String from, String to, boolean onHost, long packets, long bytes) {
        int slot = (from.hashCode() * 31 + to.hashCode() + kind.ordinal() * 7 + (onHost ? 1 : 0)) & (CACHE_SLOTS - 1);
        Key cached = cacheKeys[slot];
        long[] sums = cacheSums[slot];
        if (sums == null || cached.minute != minute || cached.kind != kind || cached.from != from
                || cached.to != to || cached.onHost != onHost) {
            probe.set(minute, kind, from, to, onHost);
            sums = edges.get(probe);
            if (sums == null) {
                if (edges.size() >= maxEdges) {
                    droppedEdges++;
                    return;
                }
                sums = new long[3];
                edges.put(probe.copy(), sums);
            }
            cached.set(minute, kind, from, to, onHost);
            cacheSums[slot] = sums;
        }
        sums[0]++;
        sums[1] += packets;
        sums[2] += bytes;
    }

    /** Removes and returns every edge of a minute that started before {@code epochMillis}. */
    public List<FlowEdge> drainBefore(long epochMillis) {
        Arrays.fill(cacheSums, null);
        List<FlowEdge> out = new ArrayList<>();
        for (Iterator<Map.Entry<Key, long[]>> it = edges.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, long[]> e = it.next();
            Key k = e.getKey();
            if (k.minute + MINUTE <= epochMillis) {
                long[] s = e.getValue();
                out.add(new FlowEdge(Instant.ofEpochMilli(k.minute), k.kind, k.from, k.to, k.onHost, s[0], s[1],
                        s[2]));
                it.remove();
            }
        }
        return out;
    }

    /** Removes and returns every edge, closed or not. */
    public List<FlowEdge> drainAll() {
        return drainBefore(Long.MAX_VALUE - MINUTE);
    }

    /** New edges refused because {@code maxEdges} were open. */
    public long droppedEdges() {
        return droppedEdges;
    }

    private static final class Key {
        long minute;
        EdgeKind kind;
        String from;
        String to;
        boolean onHost;

        void set(long minute, EdgeKind kind, String from, String to, boolean onHost) {
            this.minute = minute;
            this.kind = kind;
            this.from = from;
            this.to = to;
            this.onHost = onHost;
        }

        Key copy() {
            Key k = new Key();
            k.set(minute, kind, from, to, onHost);
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.minute == minute && k.kind == kind && k.onHost == onHost
                    && k.from.equals(from) && k.to.equals(to);
        }

        @Override
        public int hashCode() {
            int h = Long.hashCode(minute) * 31 + kind.ordinal();
            h = h * 31 + from.hashCode();
            h = h * 31 + to.hashCode();
            return h * 2 + (onHost ? 1 : 0);
        }
    }
}
