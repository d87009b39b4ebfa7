package org.virtguard.service.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.virtguard.server.readiness.ComponentStatus;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.StoreException;
import org.virtguard.store.StoreFailures;

/**
 * Opens the store at start, waiting for it with exponential backoff while it cannot be reached (PostgreSQL not up
 * yet, network away). Any other failure (login refused, schema cannot be migrated) ends the wait at once. Logs the
 * first failure and then only at attempts 2, 4, 8, … so a long wait writes a few lines, not one per try. Its state
 * is readiness's {@code store} component meanwhile.
 */
public final class StoreWait {

    /** First pause between attempts. */
    public static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    /** Longest pause between attempts: the store is in use at most this long after it came up. */
    public static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private final StoreConfig config;
    private final Clock clock;
    private final Consumer<String> log;
    private final Instant since;
    private volatile int attempts;

    public StoreWait(StoreConfig config, Clock clock, Consumer<String> log) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.since = clock.instant();
    }

    /**
     * One attempt to open (and migrate) the store.
     *
     * @return the store, or {@code null} when it cannot be reached now
     * @throws StoreException when it fails for another reason (retrying would not help)
     */
    public Store tryOpen() {
        int attempt = ++attempts;
        try {
            Store store = Store.open(config);
            if (attempt > 1) {
                log.accept("store reachable after " + attempt + " attempts; starting");
            }
            return store;
        } catch (StoreException e) {
            if (!StoreFailures.unreachable(e)) {
                throw e;
            }
            if (Integer.bitCount(attempt) == 1) {
                log.accept("waiting for the store (attempt " + attempt + "): " + e.getMessage());
            }
            return null;
        }
    }

    /**
     * Opens the store, retrying with backoff until it can be reached.
     *
     * @throws InterruptedException when interrupted while waiting (the service is stopping)
     * @throws StoreException       when it fails for another reason than being unreachable
     */
    public Store await() throws InterruptedException {
        Duration pause = FIRST_PAUSE;
        while (true) {
            Store store = tryOpen();
            if (store != null) {
                return store;
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    /** Attempts made so far. */
    public int attempts() {
        return attempts;
    }

    /** The store as readiness shows it while waiting: down, critical, since the wait began. */
    public ComponentStatus status() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", "waiting for the store at start");
        details.put("attempts", attempts);
        return new ComponentStatus(ComponentStatus.State.DOWN, true, since, details);
    }

    /** When the wait began. */
    public Instant since() {
        return since;
    }
}
