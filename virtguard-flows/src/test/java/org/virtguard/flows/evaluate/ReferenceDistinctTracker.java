package org.virtguard.flows.evaluate;

import java.util.ArrayList;
import java.util.List;

import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.flows.enrich.AddressTable;

/** The tracker as it was before the open-addressing rewrite, kept as the reference for {@link DistinctTrackerTest}.
 * Counts, per source address, the distinct values (ports, destinations, VMs) seen within a sliding window, and
 * keeps the latest flows as evidence. Memory is bounded: each source keeps at most twice the threshold values and
 * a fixed evidence ring, and at most {@code maxSources} sources are tracked. Allocates only when a new source
 * appears.
 */
final class ReferenceDistinctTracker {

    /** What one source did recently. */
    static final class Source {
        long[] values;
        long[] seen;
        boolean[] used;
        int size;
        long firstSeen;
        long lastSeen;
        long flows;
        long lastExpired;
        boolean alerted;
        FlowRecord[] evidence;
        int evidenceNext;
        int evidenceCount;

        Source() {
            values = new long[INITIAL_CAPACITY];
            seen = new long[INITIAL_CAPACITY];
            used = new boolean[INITIAL_CAPACITY];
        }

        /** The evidence flows, oldest first, as text. */
        List<String> evidenceText() {
            if (evidence == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>(evidenceCount);
            int start = evidenceCount < evidence.length ? 0 : evidenceNext;
            for (int i = 0; i < evidenceCount; i++) {
                out.add(evidence[(start + i) % evidence.length].toString());
            }
            return out;
        }

        /** The distinct values seen in the window. */
        int distinct() {
            return size;
        }
    }

    private static final int INITIAL_CAPACITY = 8;

    private final long windowMillis;
    private final int threshold;
    private final int capacity;
    private final int evidenceFlows;
    private final int maxSources;
    private final AddressTable<Source> sources = new AddressTable<>();

    ReferenceDistinctTracker(long windowMillis, int threshold, int evidenceFlows, int maxSources) {
        this.windowMillis = windowMillis;
        this.threshold = threshold;
        this.capacity = Integer.highestOneBit(Math.max(4, threshold * 2)) * 2;
        this.evidenceFlows = evidenceFlows;
        this.maxSources = maxSources;
    }

    /**
     * Records that the source {hi, lo} reached {@code value} at {@code now}, with {@code flow} as evidence.
     * Returns the source's state when it has just reached the threshold (once per burst), else {@code null}.
     */
    Source observe(long hi, long lo, long value, long now, FlowRecord flow) {
        Source s = sources.get(hi, lo);
        if (s == null) {
            if (sources.size() >= maxSources) {
                sources.clear();
            }
            s = new Source();
            s.firstSeen = now;
            sources.put(hi, lo, s);
        }
        if (now - s.lastSeen > windowMillis && s.size > 0) {
            reset(s, now);
        }
        s.lastSeen = Math.max(s.lastSeen, now);
        s.flows++;
        boolean added = add(s, value, now);
        if (s.size * 2 >= threshold) {
            keepEvidence(s, flow);
        }
        if (added && s.size >= threshold && !s.alerted) {
            s.alerted = true;
            return s;
        }
        return null;
    }

    private void keepEvidence(Source s, FlowRecord flow) {
        if (s.evidence == null) {
            s.evidence = new FlowRecord[evidenceFlows];
            for (int i = 0; i < evidenceFlows; i++) {
                s.evidence[i] = new FlowRecord();
            }
        }
        s.evidence[s.evidenceNext].copyFrom(flow);
        s.evidenceNext = (s.evidenceNext + 1) % s.evidence.length;
        s.evidenceCount = Math.min(s.evidenceCount + 1, s.evidence.length);
    }

    private static void reset(Source s, long now) {
        java.util.Arrays.fill(s.used, false);
        s.size = 0;
        s.alerted = false;
        s.flows = 0;
        s.evidenceCount = 0;
        s.evidenceNext = 0;
        s.firstSeen = now;
    }

    private boolean add(Source s, long value, long now) {
        int mask = s.values.length - 1;
        long h = value * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (s.used[i]) {
            if (s.values[i] == value) {
                s.seen[i] = Math.max(s.seen[i], now);
                return false;
            }
            i = (i + 1) & mask;
        }
        if (s.size + 1 > s.values.length / 2 && s.values.length < capacity) {
            grow(s);
            return add(s, value, now);
        }
        if (s.size + 1 > s.values.length / 2) {
            if (now - s.lastExpired < windowMillis / 4) {
                return false;
            }
            s.lastExpired = now;
            expire(s, now);
            if (s.size + 1 > s.values.length / 2) {
                return false;
            }
            return add(s, value, now);
        }
        s.used[i] = true;
        s.values[i] = value;
        s.seen[i] = now;
        s.size++;
        return true;
    }

    private void grow(Source s) {
        long[] oldValues = s.values;
        long[] oldSeen = s.seen;
        boolean[] oldUsed = s.used;
        s.values = new long[oldValues.length * 2];
        s.seen = new long[oldValues.length * 2];
        s.used = new boolean[oldValues.length * 2];
        s.size = 0;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldUsed[i]) {
                add(s, oldValues[i], oldSeen[i]);
            }
        }
    }

    private void expire(Source s, long now) {
        long[] keepValues = new long[s.size];
        long[] keepSeen = new long[s.size];
        int n = 0;
        for (int i = 0; i < s.values.length; i++) {
            if (s.used[i] && now - s.seen[i] <= windowMillis) {
                keepValues[n] = s.values[i];
                keepSeen[n++] = s.seen[i];
            }
        }
        java.util.Arrays.fill(s.used, false);
        s.size = 0;
        for (int k = 0; k < n; k++) {
            add(s, keepValues[k], keepSeen[k]);
        }
    }
}
