package org.virtguard.logs.detect;

/**
 * The most recent failure times (with their attempt counts) of one source against one host, in a fixed ring,
 * enough to tell whether a threshold was reached within a window without keeping every failure.
 */
final class FailureWindow {

    private final long[] times;
    private final int[] weights;
    private int head;
    private int size;

    FailureWindow(int capacity) {
        times = new long[capacity];
        weights = new int[capacity];
    }

    void add(long time, int attempts) {
        head = (head + 1) % times.length;
        times[head] = time;
        weights[head] = attempts;
        size = Math.min(size + 1, times.length);
    }

    /** Attempts at or after {@code since} (saturating at the ring's reach). */
    int countSince(long since) {
        int total = 0;
        for (int k = 0, i = head; k < size; k++, i = (i - 1 + times.length) % times.length) {
            if (times[i] < since) {
                continue;
            }
            total += weights[i];
        }
        return total;
    }
}
