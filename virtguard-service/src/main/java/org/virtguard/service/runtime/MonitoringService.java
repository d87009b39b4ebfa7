package org.virtguard.service.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorPool;
import org.virtguard.service.sync.InventorySyncService;
import org.virtguard.service.sync.LiveInventoryUpdater;
import org.virtguard.service.sync.SourceCollector;
import org.virtguard.service.sync.SourceResult;
import org.virtguard.service.sync.SyncReport;
import org.virtguard.model.InventoryChange;
import org.virtguard.server.ServerContext;
import org.virtguard.server.ServerSettings;
import org.virtguard.server.VirtGuardServer;
import org.virtguard.spi.ConnectorException;
import org.virtguard.store.Store;

/**
 * The long-running service: syncs every source, follows their live feeds so a change is in the store
 * (and on the dashboard) within seconds, re-syncs on a schedule, and serves the API and console. A source
 * that fails is marked stale and retried at the next re-sync; the others carry on.
 */
public final class MonitoringService implements AutoCloseable {

    private final List<ConfiguredSource> sources;
    private final Store store;
    private final ServerContext context;
    private final Clock clock;
    private final Consumer<List<InventoryChange>> onChanges;
    private final Consumer<String> log;
    private final ConnectorPool pool;
    private final InventorySyncService sync;
    private final ScheduledExecutorService scheduler;
    private LiveInventoryUpdater updater;
    private org.virtguard.service.durable.DurableWrites writes;
    private volatile Duration resyncEvery = Duration.ofMinutes(15);
    private volatile SyncReport lastReport;
    private final SourceFreshness freshness;
    private VirtGuardServer server;

    /**
     * @param onChanges receives every batch of recorded changes (re-evaluation hooks plug in here)
     * @param log       one-line operational messages
     */
    public MonitoringService(List<ConfiguredSource> sources, Store store, ServerContext context, ConnectorPool pool,
                             Consumer<List<InventoryChange>> onChanges, Consumer<String> log) {
        this.sources = List.copyOf(sources);
        this.store = store;
        this.context = context;
        this.clock = context.clock();
        this.onChanges = onChanges;
        this.log = log;
        this.pool = pool;
        this.sync = new InventorySyncService(new SourceCollector(pool), clock);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.named("virtguard-resync"));
        this.freshness = new SourceFreshness(this.sources.stream().map(s -> s.spec().id()).toList());
    }

    /**
     * Live updates go through {@code writes}, so that events arriving while the store is unreachable are kept and
     * applied in order when it returns; their changes must then reach {@link #liveChanges(List)}.
     */
    public MonitoringService withDurableWrites(org.virtguard.service.durable.DurableWrites durable) {
        this.writes = durable;
        return this;
    }

    /** Changes that live updates recorded (directly, or later through the durable writes). */
    public void liveChanges(List<InventoryChange> changes) {
        context.metrics().event("live_update");
        publish(changes);
    }

    /** First sync, live feeds, scheduled re-syncs, then the web server. */
    public SyncReport start(ServerSettings settings, Duration resyncEvery) {
        return start(settings, resyncEvery, () -> { });
    }

    /**
     * First sync, live feeds, scheduled re-syncs, then the web server.
     *
     * @param beforeServer runs just before the web server binds its port (frees the port of a standby server)
     */
    public SyncReport start(ServerSettings settings, Duration resyncEvery, Runnable beforeServer) {
        this.resyncEvery = resyncEvery;
        SyncReport first = syncNow();
        updater = writes != null ? new LiveInventoryUpdater(store.inventory(), writes, clock, log)
                : new LiveInventoryUpdater(store.inventory(), clock, this::liveChanges, log);
        follow(resyncEvery);
        long every = Math.max(1, resyncEvery.toSeconds());
        scheduler.scheduleWithFixedDelay(this::scheduledSync, every, every, TimeUnit.SECONDS);
        beforeServer.run();
        server = new VirtGuardServer(settings, context).start();
        return first;
    }

    private void follow(Duration resyncEvery) {
        for (ConfiguredSource source : sources) {
            try {
                boolean live = updater.follow(pool.acquire(source));
                log.accept(source.spec().id() + ": " + (live ? "following live events"
                        : "no live feed; full re-sync every " + resyncEvery.toMinutes() + " min"));
            } catch (ConnectorException e) {
                log.accept(source.spec().id() + ": " + e.getMessage() + " (retried at the next re-sync)");
            }
        }
    }

    /** A full sync of every source now; failures are recorded per source and never stop the others. */
    public synchronized SyncReport syncNow() {
        SyncReport report = sync.sync(sources, store.inventory());
        lastReport = report;
        freshness.record(report);
        for (SourceResult r : report.results()) {
            context.metrics().syncCompleted(r.sourceId(), report.duration(), r.succeeded());
            if (!r.succeeded()) {
                pool.discard(r.sourceId());
                log.accept(r.sourceId() + ": sync failed: " + r.message() + " [" + r.error() + "]");
            }
        }
        publish(report.outcome().changes());
        return report;
    }

    /** Reconnects every source (re-reading them from scratch), syncs, and follows the new connections. */
    public synchronized SyncReport reconnectAndSync() {
        sources.forEach(s -> pool.discard(s.spec().id()));
        SyncReport report = syncNow();
        if (updater != null) {
            follow(resyncEvery);
        }
        return report;
    }

    private void scheduledSync() {
        try {
            syncNow();
        } catch (RuntimeException e) {
            log.accept("scheduled re-sync failed: " + e.getMessage());
        }
    }

    private void publish(List<InventoryChange> changes) {
        if (!changes.isEmpty()) {
            changes.forEach(c -> context.metrics().event("inventory_change"));
            onChanges.accept(changes);
        }
    }

    /** The last full sync's report, or {@code null} before the first. */
    public SyncReport lastReport() {
        return lastReport;
    }

    /** Each source's last sync: fresh, stale, failed or pending, with its last success. */
    public SourceFreshness freshness() {
        return freshness;
    }

    /** The interval of full re-syncs. */
    public Duration resyncEvery() {
        return resyncEvery;
    }

    public VirtGuardServer server() {
        return server;
    }

    /** Blocks until the duration passes or the JVM is asked to stop. */
    public static void awaitStop(Duration duration) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "virtguard-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        if (server != null) {
            server.close();
        }
        if (updater != null) {
            updater.close();
        }
    }
}
