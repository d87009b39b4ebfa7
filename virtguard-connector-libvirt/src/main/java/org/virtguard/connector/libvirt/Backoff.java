package org.virtguard.connector.libvirt;

/** Exponential back-off: the initial delay, doubled after each attempt up to a maximum. Not thread-safe. */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long next;

    Backoff(long initialMillis, long maxMillis) {
        if (initialMillis <= 0 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.next = initialMillis;
    }

    /** The delay before the next attempt; each call doubles the following one, up to the maximum. */
    long nextDelayMillis() {
        long d = next;
        next = Math.min(maxMillis, next * 2);
        return d;
    }

    /** Starts again from the initial delay. */
    void reset() {
        next = initialMillis;
    }
}
