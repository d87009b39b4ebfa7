package org.virtguard.cli.inventory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.virtguard.service.config.Durations;
import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.cli.output.TableWriter;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorPool;
import org.virtguard.service.sync.ConnectorRegistry;
import org.virtguard.service.sync.DormantVmAlerts;
import org.virtguard.service.sync.InventorySyncService;
import org.virtguard.service.sync.LiveInventoryUpdater;
import org.virtguard.service.sync.SourceCollector;
import org.virtguard.service.sync.SyncReport;
import org.virtguard.model.Alert;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.InventoryChange;
import org.virtguard.spi.ConnectorException;
import org.virtguard.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code virtguard inventory watch}: a full sync, then live updates from the sources' event feeds. */
@Command(name = "watch", description = "Sync once, then keep the inventory current from the sources' live event "
        + "feeds (libvirt lifecycle events), with a full re-sync on a schedule. Prints changes as they happen.")
public final class InventoryWatchCommand extends BaseCommand {

    @Mixin
    SourceOptions sourceOptions = new SourceOptions();

    @Option(names = "--resync", defaultValue = "15m", paramLabel = "MINUTES",
            description = "Full re-sync interval, e.g. 15m, 1h (default: ${DEFAULT-VALUE}).")
    String resync;

    @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long (default: run until stopped).")
    String duration;

    @Option(names = "--dormant-after", defaultValue = "30d", paramLabel = "AGE",
            description = "Alert when a VM powers on after being off longer than this (default: ${DEFAULT-VALUE}).")
    String dormantAfter;

    @Override
    public Integer call() throws Exception {
        List<ConfiguredSource> sources = context().sources(sourceOptions.uris, null);
        if (sources.isEmpty()) {
            throw new CliException(ErrorCode.INVALID_CONFIG, "no sources to watch", ExitCodes.USAGE);
        }
        Duration resyncEvery = Durations.parse(resync);
        Duration dormancy = Durations.parse(dormantAfter);
        try (ConnectorPool pool = new ConnectorPool(ConnectorRegistry.fromClassPath());
             Store store = context().openStoreForWriting()) {
            DormantVmAlerts dormant = new DormantVmAlerts(dormancy, store.inventory(), store.alerts(), clock());
            watch(sources, resyncEvery, pool, store, dormant);
        }
        return ExitCodes.OK;
    }

    private void watch(List<ConfiguredSource> sources, Duration resyncEvery, ConnectorPool pool, Store store,
                       DormantVmAlerts dormant) throws InterruptedException {
        try (LiveInventoryUpdater updater = new LiveInventoryUpdater(store.inventory(), clock(),
                changes -> print(changes, dormant), message -> log(message))) {
            InventorySyncService sync = new InventorySyncService(new SourceCollector(pool), clock());
            SyncReport first = sync.sync(sources, store.inventory());
            out().printf("initial sync: %d sources, %d changes%n", first.results().size(),
                    first.outcome().changes().size());
            dormant.process(first.outcome().changes());
            for (ConfiguredSource source : sources) {
                try {
                    boolean live = updater.follow(pool.acquire(source));
                    out().printf("%s: %s%n", source.spec().id(), live ? "following live events"
                            : "no live feed; full re-sync every " + resyncEvery);
                } catch (ConnectorException e) {
                    log(e.getMessage() + " (will retry at the next full re-sync)");
                }
            }
            out().flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            long deadline = duration == null ? Long.MAX_VALUE
                    : System.nanoTime() + Durations.parse(duration).toNanos();
            while (System.nanoTime() < deadline) {
                long wait = Math.min(resyncEvery.toNanos(), deadline - System.nanoTime());
                if (stop.await(Math.max(wait, 0), TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (System.nanoTime() < deadline) {
                    print(sync.sync(sources, store.inventory()).outcome().changes(), dormant);
                }
            }
        }
    }

    private synchronized void print(List<InventoryChange> changes, DormantVmAlerts dormant) {
        if (!changes.isEmpty()) {
            TableWriter.text(InventoryTables.changes(changes, true), out());
        }
        for (Alert alert : dormant.process(changes)) {
            out().println("ALERT " + alert.severity() + ": " + alert.title());
        }
        out().flush();
    }

    private synchronized void log(String message) {
        err().println("virtguard: " + message);
        err().flush();
    }
}
