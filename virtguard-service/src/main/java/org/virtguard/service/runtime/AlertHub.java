package org.virtguard.service.runtime;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.virtguard.model.Alert;
import org.virtguard.response.ResponseService;
import org.virtguard.server.metrics.ServiceMetrics;

/**
 * Where every detection of the service goes: flow detectors, authentication detectors and the lifecycle guards
 * all {@link #raise(Alert)} here. Raising never blocks the caller (a flow collector's receive thread, a syslog
 * worker): alerts are queued and one worker thread records them in the alert store (deduplicated by key there),
 * counts them in the metrics, and offers each incident seen for the first time to the response policy. Delivery to
 * webhooks and syslog reads the recorded alerts back from the store, so it sees every alert that was stored.
 *
 * <p>New alerts of the traffic listeners' detectors pass the {@link AlertFloodGate} first: beyond the configured
 * caps per source and overall they are folded into one flood alert per kind ({@code auth.flood},
 * {@code flow.flood}), written at most once a second while it grows and not offered to the response policy.
 * Updates of an alert already recorded are coalesced: the latest value of each is written about once a second, so
 * that a flood of events for one incident costs one store write per second, not one per event.
 */
public final class AlertHub implements AutoCloseable {

    private static final int QUEUE_CAPACITY = 65_536;
    private static final int OFFERED_KEYS_REMEMBERED = 100_000;
    private static final int BATCH = 256;

    private final BiConsumer<Alert, java.time.Instant> recorder;
    private final ServiceMetrics metrics;
    private final Optional<ResponseService> response;
    private final Clock clock;
    private final Consumer<String> log;
    private final BlockingQueue<Alert> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Map<String, Boolean> offered = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > OFFERED_KEYS_REMEMBERED;
        }
    };
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private static final long UPDATE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AlertFloodGate gate;
    private final Map<String, Alert> pendingUpdates = new LinkedHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger pendingUpdateCount =
            new java.util.concurrent.atomic.AtomicInteger();
    private long lastUpdateFlush = System.nanoTime();
    private final Thread worker;
    private volatile boolean running = true;

    /**
     * A hub with the default caps (see {@link AlertFloodGate.Limits#defaults()}).
     *
     * @param recorder writes an alert to the alert store (directly, or through the outage buffer)
     * @param response guarded response whose triggers see each new incident, or empty
     */
    public AlertHub(BiConsumer<Alert, java.time.Instant> recorder, ServiceMetrics metrics,
                    Optional<ResponseService> response, Clock clock, Consumer<String> log) {
        this(recorder, metrics, response, clock, log, AlertFloodGate.Limits.defaults());
    }

    /**
     * @param recorder  writes an alert to the alert store (directly, or through the outage buffer)
     * @param response  guarded response whose triggers see each new incident, or empty
     * @param capWindow window of the caps on new alerts
     * @param perSource new alerts of one kind per source address and window before they are folded
     * @param global    new alerts of one kind per window, all sources, before they are folded
     */
    public AlertHub(BiConsumer<Alert, java.time.Instant> recorder, ServiceMetrics metrics,
                    Optional<ResponseService> response, Clock clock, Consumer<String> log,
                    java.time.Duration capWindow, int perSource, int global) {
        this(recorder, metrics, response, clock, log, new AlertFloodGate.Limits(capWindow, perSource, global));
    }

    private AlertHub(BiConsumer<Alert, java.time.Instant> recorder, ServiceMetrics metrics,
                     Optional<ResponseService> response, Clock clock, Consumer<String> log,
                     AlertFloodGate.Limits limits) {
        this.gate = new AlertFloodGate(limits);
        this.recorder = recorder;
        this.metrics = metrics;
        this.response = response;
        this.clock = clock;
        this.log = log;
        this.worker = BackgroundThreads.named("virtguard-alerts").newThread(this::drain);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Queues an alert; never blocks. A full queue drops it and counts the drop (metric {@code alert_dropped}). */
    public void raise(Alert alert) {
        if (!queue.offer(alert)) {
            if (dropped.getAndIncrement() == 0) {
                log.accept("alert queue full (" + QUEUE_CAPACITY + "): alerts are being dropped; see the "
                        + "alert_dropped metric");
            }
            metrics.event("alert_dropped");
        }
    }

    /** Alerts handed to the store so far. */
    public long recorded() {
        return recorded.get();
    }

    /** New alerts folded into flood alerts by the caps so far, by the folded alerts' kind. */
    public Map<String, Long> suppressedByKind() {
        return gate.suppressedByKind();
    }

    /** Alerts raised and not yet handed to the store (queued, being recorded, or updates waiting to be written). */
    public int queued() {
        return queue.size() + inFlight.get() + pendingUpdateCount.get();
    }

    private void drain() {
        List<Alert> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Alert first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    writeFloods(false);
                    writeUpdates(false);
                    continue;
                }
                inFlight.incrementAndGet();
                batch.add(first);
                inFlight.addAndGet(queue.drainTo(batch, BATCH - 1));
                handle(batch);
                writeFloods(false);
                writeUpdates(false);
            } catch (InterruptedException e) {
                running = false;
                Thread.currentThread().interrupt();
            } finally {
                inFlight.addAndGet(-batch.size());
                batch.clear();
            }
        }
        writeFloods(true);
        writeUpdates(true);
    }

    private void writeUpdates(boolean now) {
        if (pendingUpdates.isEmpty() || (!now && System.nanoTime() - lastUpdateFlush < UPDATE_EVERY_NANOS)) {
            return;
        }
        lastUpdateFlush = System.nanoTime();
        for (Alert alert : pendingUpdates.values()) {
            record(alert);
        }
        pendingUpdates.clear();
        pendingUpdateCount.set(0);
    }

    private void writeFloods(boolean all) {
        long now = clock.millis();
        for (FloodAlert flood : gate.due(now, all)) {
            boolean first = !flood.written();
            Alert alert = flood.toAlert(now);
            if (!record(alert)) {
                continue;
            }
            if (first) {
                metrics.event("alert." + alert.kind());
                log.accept("ALERT " + alert.severity() + ": " + alert.title());
            }
        }
    }

    private boolean record(Alert alert) {
        try {
            recorder.accept(alert, clock.instant());
            recorded.incrementAndGet();
            return true;
        } catch (RuntimeException e) {
            log.accept("cannot record alert " + alert.key() + ": " + e.getMessage());
            return false;
        }
    }

    private void handle(List<Alert> batch) {
        List<Alert> fresh = new ArrayList<>();
        long now = clock.millis();
        for (Alert alert : batch) {
            if (offered.get(alert.key()) != null) {
                pendingUpdates.put(alert.key(), alert);
                pendingUpdateCount.set(pendingUpdates.size());
                continue;
            }
            if (!gate.admit(alert, now)) {
                continue;
            }
            pendingUpdates.remove(alert.key());
            if (!record(alert)) {
                continue;
            }
            if (offered.put(alert.key(), Boolean.TRUE) == null) {
                metrics.event("alert." + alert.kind());
                fresh.add(alert);
                log.accept("ALERT " + alert.severity() + ": " + alert.title());
            }
        }
        if (!fresh.isEmpty() && response.isPresent()) {
            try {
                response.get().onAlerts(fresh);
            } catch (RuntimeException e) {
                log.accept("response triggers failed: " + e.getMessage());
            }
        }
    }

    /** Records what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
