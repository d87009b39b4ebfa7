package org.virtguard.service.runtime;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A per-second rate of a growing counter over about the last minute, from samples taken when it is asked (at most
 * one per second kept). Thread-safe.
 */
final class RateMeter {

    private static final long SAMPLE_EVERY_NANOS = 1_000_000_000L;
    private static final long WINDOW_NANOS = 60_000_000_000L;

    private record Sample(long nanos, long count) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /** @param startCount the counter's value now, the first sample */
    RateMeter(long startCount, long nowNanos) {
        samples.add(new Sample(nowNanos, startCount));
    }

    /** The counter's rate per second between the oldest kept sample and {@code count} now. */
    synchronized double perSecond(long count, long nowNanos) {
        if (nowNanos - samples.peekLast().nanos() >= SAMPLE_EVERY_NANOS) {
            samples.addLast(new Sample(nowNanos, count));
        }
        while (samples.size() > 1 && nowNanos - samples.peekFirst().nanos() > WINDOW_NANOS) {
            samples.removeFirst();
        }
        Sample oldest = samples.peekFirst();
        long elapsed = nowNanos - oldest.nanos();
        if (elapsed <= 0) {
            return 0;
        }
        return Math.max(0, count - oldest.count()) * 1e9 / elapsed;
    }
}
