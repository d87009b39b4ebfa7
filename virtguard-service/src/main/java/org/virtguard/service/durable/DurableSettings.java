package org.virtguard.service.durable;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of {@link DurableWrites}.
 *
 * @param memoryLimit  writes kept in memory before the oldest spill to disk
 * @param maxLineBytes the largest write kept on disk (one JSON line); a larger one stays in memory or is dropped
 * @param retryEvery   pause between attempts while the store is unreachable
 */
public record DurableSettings(int memoryLimit, int maxLineBytes, Duration retryEvery) {

    public DurableSettings {
        if (memoryLimit < 1) {
            throw new IllegalArgumentException("memoryLimit must be at least 1, got " + memoryLimit);
        }
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1024, got " + maxLineBytes);
        }
        Objects.requireNonNull(retryEvery, "retryEvery");
    }

    /** 10,000 writes in memory, lines up to 4 MiB, a retry every second. */
    public static DurableSettings defaults() {
        return new DurableSettings(10_000, 4 << 20, Duration.ofSeconds(1));
    }
}
