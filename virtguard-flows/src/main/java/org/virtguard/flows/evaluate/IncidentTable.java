package org.virtguard.flows.evaluate;

import java.util.Arrays;

/**
 * Ongoing incidents by a two-long key, so a repeating event updates one alert instead of raising many: reports
 * the first occurrence and then at most once per window. Bounded; forgets everything when full.
 *
 * <p>Open addressing over one {@code long[]}: each slot holds its key and its incident's times and count side by
 * side, so an occurrence costs one probe sequence in one array and allocates nothing.
 */
final class IncidentTable {

    /** First and last time and occurrences of the incident just reported; a view overwritten by the next call. */
    static final class Incident {
        long first;
        long last;
        long count;
    }

    private static final int STRIDE = 6;
    private static final int HI = 0;
    private static final int LO = 1;
    private static final int FIRST = 2;
    private static final int LAST = 3;
    private static final int COUNT = 4;
    private static final int REPORTED = 5;
    private static final int INITIAL_SLOTS = 64;

    private final long windowMillis;
    private final int max;
    private final Incident view = new Incident();
    private long[] slots = new long[INITIAL_SLOTS * STRIDE];
    private int size;

    IncidentTable(long windowMillis, int max) {
        this.windowMillis = windowMillis;
        this.max = max;
    }

    /** Counts an occurrence; returns the incident when it is due to be reported, else {@code null}. */
    Incident occur(long hi, long lo, long now) {
        int at = find(hi, lo);
        long[] s = slots;
        if (s[at + COUNT] == 0) {
            if (size >= max) {
                clear();
            }
            at = insert(hi, lo);
            s = slots;
            s[at + FIRST] = now;
            s[at + LAST] = 0;
            s[at + REPORTED] = Long.MIN_VALUE;
        }
        s[at + LAST] = Math.max(s[at + LAST], now);
        long count = ++s[at + COUNT];
        long reported = s[at + REPORTED];
        if (reported == Long.MIN_VALUE || now - reported >= windowMillis) {
            s[at + REPORTED] = now;
            view.first = s[at + FIRST];
            view.last = s[at + LAST];
            view.count = count;
            return view;
        }
        return null;
    }

    /** Incidents held. */
    int size() {
        return size;
    }

    /** The array offset of the key's slot, or of the empty slot where it would go (count 0). */
    private int find(long hi, long lo) {
        return PackedKeys.find(slots, STRIDE, COUNT, hi, lo);
    }

    /** Claims the slot for a key known to be absent (count left 0 for the caller to raise); returns its offset. */
    private int insert(long hi, long lo) {
        if ((size + 1) * 4 > slots.length / STRIDE * 3) {
            grow();
        }
        int at = find(hi, lo);
        slots[at + HI] = hi;
        slots[at + LO] = lo;
        size++;
        return at;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length / STRIDE - 1;
        for (int at = 0; at < old.length; at += STRIDE) {
            if (old[at + COUNT] != 0) {
                int i = PackedKeys.hash(old[at + HI], old[at + LO]) & mask;
                while (slots[i * STRIDE + COUNT] != 0) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, at, slots, i * STRIDE, STRIDE);
            }
        }
    }

    private void clear() {
        Arrays.fill(slots, 0);
        size = 0;
    }
}
