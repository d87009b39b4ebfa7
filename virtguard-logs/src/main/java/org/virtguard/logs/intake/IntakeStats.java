package org.virtguard.logs.intake;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Thread-safe counters of {@link IntakeCounter}s. */
public final class IntakeStats {

    private final AtomicLongArray counts = new AtomicLongArray(IntakeCounter.values().length);

    public void increment(IntakeCounter counter) {
        counts.incrementAndGet(counter.ordinal());
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

    /** Skipped input: bad headers and timestamps, binary, over-long, framing errors, rate-limited. */
    public long skipped() {
        return get(IntakeCounter.BAD_HEADER) + get(IntakeCounter.BAD_TIMESTAMP) + get(IntakeCounter.BINARY)
                + get(IntakeCounter.TOO_LONG) + get(IntakeCounter.FRAMING_ERRORS) + get(IntakeCounter.RATE_LIMITED);
    }
}
