package org.virtguard.server.readiness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.virtguard.store.Store;

/**
 * Pings the store on a background thread every interval and keeps the answer, so readiness and fast-fail
 * checks never wait for the database. Logs one line per state change. Close it to stop the thread.
 */
public final class StoreProbe implements AutoCloseable {

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);

    private final Store store;
    private final Clock clock;
    private final Duration interval;
    private final Consumer<String> log;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean up = true;
    private volatile Instant since;

    /**
     * Starts probing at once.
     *
     * @param interval time between pings, e.g. one second
     * @param log      receives one line when the store goes down and one when it is back
     */
    public StoreProbe(Store store, Clock clock, Duration interval, Consumer<String> log) {
        this.store = store;
        this.clock = clock;
        this.interval = interval;
        this.log = log;
        this.since = clock.instant();
        this.thread = new Thread(this::run, "virtguard-store-probe");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Whether the last ping succeeded. */
    public boolean up() {
        return up;
    }

    /** When the store entered its current state (start of probing for the first state). */
    public Instant since() {
        return since;
    }

    /** The store as a critical readiness component. */
    public ComponentStatus status() {
        return new ComponentStatus(up ? ComponentStatus.State.UP : ComponentStatus.State.DOWN, true, since, Map.of());
    }

    /** Pings once now and updates the cached state; returns it. */
    public boolean probe() {
        boolean now = store.ping(PING_TIMEOUT);
        if (now != up) {
            up = now;
            since = clock.instant();
            log.accept(now ? "store is reachable again" : "store unreachable; answering 503 until it is back");
        }
        return now;
    }

    private void run() {
        while (running) {
            probe();
            try {
                TimeUnit.MILLISECONDS.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
