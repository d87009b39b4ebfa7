package org.virtguard.logs.intake;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Thread-safe counters of {@link IntakeCounter}s. Counters of one listener can roll up into the pipeline's totals:
 * each increment of a child also counts in its parent.
 */
public final class IntakeStats {

    private final AtomicLongArray counts = new AtomicLongArray(IntakeCounter.values().length);
    private final IntakeStats parent;

    /** Counters of their own. */
    public IntakeStats() {
        this(null);
    }

    /** Counters whose increments also count in {@code parent} (may be {@code null}). */
    public IntakeStats(IntakeStats parent) {
        this.parent = parent;
    }

    public void increment(IntakeCounter counter) {
        counts.incrementAndGet(counter.ordinal());
        if (parent != null) {
            parent.increment(counter);
        }
    }

    public long get(IntakeCounter counter) {
        return counts.get(counter.ordinal());
    }

    /** Every counter by name, in declaration order. */
    public Map<IntakeCounter, Long> snapshot() {
        Map<IntakeCounter, Long> out = new EnumMap<>(IntakeCounter.class);
        for (IntakeCounter c : IntakeCounter.values()) {
            out.put(c, get(c));
        }
        return out;
    }

    /** Messages that arrived: read ones, rate-limited ones and those (or connections) from senders not allowed. */
    public long received() {
        return get(IntakeCounter.LINES) + get(IntakeCounter.RATE_LIMITED) + get(IntakeCounter.SENDER_NOT_ALLOWED);
    }

    /** Lines with a valid syslog header and timestamp (with or without an authentication event). */
    public long parsed() {
        return get(IntakeCounter.AUTH_EVENTS) + get(IntakeCounter.IGNORED);
    }

    /** Lines skipped as malformed: bad headers and timestamps, binary, over-long, framing errors. */
    public long malformed() {
        return get(IntakeCounter.BAD_HEADER) + get(IntakeCounter.BAD_TIMESTAMP) + get(IntakeCounter.BINARY)
                + get(IntakeCounter.TOO_LONG) + get(IntakeCounter.FRAMING_ERRORS);
    }

    /** Messages dropped and connections refused: sender not allowed, or too many connections. */
    public long refused() {
        return get(IntakeCounter.SENDER_NOT_ALLOWED) + get(IntakeCounter.CONNECTIONS_REFUSED);
    }

    /** Skipped input: bad headers and timestamps, binary, over-long, framing errors, rate-limited. */
    public long skipped() {
        return get(IntakeCounter.BAD_HEADER) + get(IntakeCounter.BAD_TIMESTAMP) + get(IntakeCounter.BINARY)
                + get(IntakeCounter.TOO_LONG) + get(IntakeCounter.FRAMING_ERRORS) + get(IntakeCounter.RATE_LIMITED);
    }
}
