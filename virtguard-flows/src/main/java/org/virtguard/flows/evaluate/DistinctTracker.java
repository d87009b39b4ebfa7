package org.virtguard.flows.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.virtguard.flows.decode.FlowRecord;

/**
 * Counts, per source address, the distinct values (ports, destinations, VMs) seen within a sliding window, and
 * keeps the latest flows as evidence. Memory is bounded: each source keeps at most twice the threshold values and
 * a fixed evidence ring, and at most {@code maxSources} sources are tracked.
 *
 * <p>Sources live in one open-addressing {@code long[]}: each slot holds the source address, its counters and its
 * first distinct value side by side, so the common case (a source seen with one value, as with most traffic)
 * costs one probe sequence and no allocation. A source gets a {@link Spill} holding a value set and the evidence
 * ring only when it reaches a second value or needs evidence.
 */
final class DistinctTracker {

    /** What one source did recently: a view filled when the threshold is reached, overwritten by the next. */
    static final class Source {
        long firstSeen;
        long lastSeen;
        long flows;
        private int distinct;
        private Spill spill;

        /** The evidence flows, oldest first, as text. */
        List<String> evidenceText() {
            if (spill == null || spill.evidence == null) {
                return List.of();
            }
            FlowRecord[] evidence = spill.evidence;
            List<String> out = new ArrayList<>(spill.evidenceCount);
            int start = spill.evidenceCount < evidence.length ? 0 : spill.evidenceNext;
            for (int i = 0; i < spill.evidenceCount; i++) {
                out.add(evidence[(start + i) % evidence.length].toString());
            }
            return out;
        }

        /** The distinct values seen in the window. */
        int distinct() {
            return distinct;
        }
    }

    /** The value set and evidence of a source that outgrew its inline value. */
    private static final class Spill {
        long[] values = new long[INITIAL_CAPACITY];
        long[] seen = new long[INITIAL_CAPACITY];
        boolean[] used = new boolean[INITIAL_CAPACITY];
        FlowRecord[] evidence;
        int evidenceNext;
        int evidenceCount;
        long lastExpired;
    }

    private static final int INITIAL_CAPACITY = 8;
    private static final int INITIAL_SLOTS = 64;

    private static final int STRIDE = 8;
    private static final int HI = 0;
    private static final int LO = 1;
    private static final int FIRST_SEEN = 2;
    private static final int LAST_SEEN = 3;
    private static final int FLOWS = 4;
    /** Distinct values (low 32 bits), {@link #ALERTED} and {@link #OCCUPIED}. */
    private static final int STATE = 5;
    private static final int VALUE = 6;
    private static final int VALUE_SEEN = 7;
    private static final long SIZE_MASK = 0xffff_ffffL;
    private static final long ALERTED = 1L << 32;
    private static final long OCCUPIED = 1L << 33;

    private final long windowMillis;
    private final int threshold;
    private final int capacity;
    private final int evidenceFlows;
    private final int maxSources;
    private final Source view = new Source();
    private long[] slots = new long[INITIAL_SLOTS * STRIDE];
    private Spill[] spills = new Spill[INITIAL_SLOTS];
    private int size;

    DistinctTracker(long windowMillis, int threshold, int evidenceFlows, int maxSources) {
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
        int i = find(hi, lo);
        long[] s = slots;
        int at = i * STRIDE;
        if (s[at + STATE] == 0) {
            if (size >= maxSources) {
                clear();
            }
            i = insert(hi, lo);
            s = slots;
            at = i * STRIDE;
            s[at + FIRST_SEEN] = now;
        }
        Spill spill = spills[i];
        if (now - s[at + LAST_SEEN] > windowMillis && (s[at + STATE] & SIZE_MASK) > 0) {
            reset(s, at, spill, now);
        }
        s[at + LAST_SEEN] = Math.max(s[at + LAST_SEEN], now);
        s[at + FLOWS]++;
        boolean added;
        if (spill == null && (s[at + STATE] & SIZE_MASK) <= 1) {
            added = addInline(s, at, i, value, now);
            spill = spills[i];
        } else {
            added = add(s, at, spill, value, now);
        }
        int distinct = (int) (s[at + STATE] & SIZE_MASK);
        if (distinct * 2 >= threshold) {
            if (spill == null) {
                spill = spill(s, at, i);
            }
            keepEvidence(spill, flow);
        }
        if (added && distinct >= threshold && (s[at + STATE] & ALERTED) == 0) {
            s[at + STATE] |= ALERTED;
            view.firstSeen = s[at + FIRST_SEEN];
            view.lastSeen = s[at + LAST_SEEN];
            view.flows = s[at + FLOWS];
            view.distinct = distinct;
            view.spill = spill;
            return view;
        }
        return null;
    }

    /** Sources tracked. */
    int size() {
        return size;
    }

    /** Adds to a source holding at most one value, inline; moves to a {@link Spill} at the second value. */
    private boolean addInline(long[] s, int at, int i, long value, long now) {
        long state = s[at + STATE];
        if ((state & SIZE_MASK) == 0) {
            s[at + VALUE] = value;
            s[at + VALUE_SEEN] = now;
            s[at + STATE] = state + 1;
            return true;
        }
        if (s[at + VALUE] == value) {
            s[at + VALUE_SEEN] = Math.max(s[at + VALUE_SEEN], now);
            return false;
        }
        return add(s, at, spill(s, at, i), value, now);
    }

    /** Gives the source at slot {@code i} a spill, moving its inline value (if any) into the spill's set. */
    private Spill spill(long[] s, int at, int i) {
        Spill spill = new Spill();
        spills[i] = spill;
        long state = s[at + STATE];
        if ((state & SIZE_MASK) == 1) {
            s[at + STATE] = state & ~SIZE_MASK;
            add(s, at, spill, s[at + VALUE], s[at + VALUE_SEEN]);
        }
        return spill;
    }

    private void keepEvidence(Spill s, FlowRecord flow) {
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

    private static void reset(long[] s, int at, Spill spill, long now) {
        if (spill != null) {
            Arrays.fill(spill.used, false);
            spill.evidenceCount = 0;
            spill.evidenceNext = 0;
        }
        s[at + STATE] = OCCUPIED;
        s[at + FLOWS] = 0;
        s[at + FIRST_SEEN] = now;
    }

    private static int size(long[] s, int at) {
        return (int) (s[at + STATE] & SIZE_MASK);
    }

    private static void size(long[] s, int at, int size) {
        s[at + STATE] = (s[at + STATE] & ~SIZE_MASK) | size;
    }

    private boolean add(long[] s, int at, Spill spill, long value, long now) {
        int mask = spill.values.length - 1;
        long h = value * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (spill.used[i]) {
            if (spill.values[i] == value) {
                spill.seen[i] = Math.max(spill.seen[i], now);
                return false;
            }
            i = (i + 1) & mask;
        }
        int n = size(s, at);
        if (n + 1 > spill.values.length / 2 && spill.values.length < capacity) {
            grow(s, at, spill);
            return add(s, at, spill, value, now);
        }
        if (n + 1 > spill.values.length / 2) {
            if (now - spill.lastExpired < windowMillis / 4) {
                return false;
            }
            spill.lastExpired = now;
            expire(s, at, spill, now);
            if (size(s, at) + 1 > spill.values.length / 2) {
                return false;
            }
            return add(s, at, spill, value, now);
        }
        spill.used[i] = true;
        spill.values[i] = value;
        spill.seen[i] = now;
        size(s, at, n + 1);
        return true;
    }

    private void grow(long[] s, int at, Spill spill) {
        long[] oldValues = spill.values;
        long[] oldSeen = spill.seen;
        boolean[] oldUsed = spill.used;
        spill.values = new long[oldValues.length * 2];
        spill.seen = new long[oldValues.length * 2];
        spill.used = new boolean[oldValues.length * 2];
        size(s, at, 0);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldUsed[i]) {
                add(s, at, spill, oldValues[i], oldSeen[i]);
            }
        }
    }

    private void expire(long[] s, int at, Spill spill, long now) {
        int n0 = size(s, at);
        long[] keepValues = new long[n0];
        long[] keepSeen = new long[n0];
        int n = 0;
        for (int i = 0; i < spill.values.length; i++) {
            if (spill.used[i] && now - spill.seen[i] <= windowMillis) {
                keepValues[n] = spill.values[i];
                keepSeen[n++] = spill.seen[i];
            }
        }
        Arrays.fill(spill.used, false);
        size(s, at, 0);
        for (int k = 0; k < n; k++) {
            add(s, at, spill, keepValues[k], keepSeen[k]);
        }
    }

    /** The slot index of the source, or of the empty slot where it would go (state 0). */
    private int find(long hi, long lo) {
        return PackedKeys.find(slots, STRIDE, STATE, hi, lo) / STRIDE;
    }

    /** Claims a slot for an absent source, all counters zero; returns its index. */
    private int insert(long hi, long lo) {
        if ((size + 1) * 4 > spills.length * 3) {
            grow();
        }
        int i = find(hi, lo);
        int at = i * STRIDE;
        slots[at + HI] = hi;
        slots[at + LO] = lo;
        slots[at + STATE] = OCCUPIED;
        size++;
        return i;
    }

    private void grow() {
        long[] old = slots;
        Spill[] oldSpills = spills;
        slots = new long[old.length * 2];
        spills = new Spill[oldSpills.length * 2];
        int mask = spills.length - 1;
        for (int j = 0; j < oldSpills.length; j++) {
            int from = j * STRIDE;
            if (old[from + STATE] != 0) {
                int i = PackedKeys.hash(old[from + HI], old[from + LO]) & mask;
                while (slots[i * STRIDE + STATE] != 0) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, from, slots, i * STRIDE, STRIDE);
                spills[i] = oldSpills[j];
            }
        }
    }

    private void clear() {
        Arrays.fill(slots, 0);
        Arrays.fill(spills, null);
        size = 0;
    }
}
