package org.virtguard.service.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.virtguard.model.InventoryChange;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.VirtualMachine;
import org.virtguard.service.durable.DurableSettings;
import org.virtguard.service.durable.DurableWrites;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.InventoryChangeListener;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.LiveFeed;
import org.virtguard.spi.VmEvent;
import org.virtguard.store.InventoryRepository;
import org.virtguard.store.StoreFailures;

/**
 * Keeps the store current from the connectors' live feeds: a VM event re-reads that VM only; a lost
 * connection marks the source stale (its data is kept); a restored connection triggers a full collection
 * of that source, because events may have been missed meanwhile.
 *
 * <p>Connector callbacks only enqueue work; one worker thread talks to connectors. What it read goes through
 * {@link DurableWrites}, so VM updates and stale marks made while the store is unreachable are kept, with their
 * real times, and applied in order when it is back (the change sink hears of them then). A full re-collection
 * that cannot be stored is retried once the store answers again and the backlog is written. When the queue
 * overflows the affected source is fully re-collected instead, so no event is lost silently.
 */
public final class LiveInventoryUpdater implements AutoCloseable {

    private static final int QUEUE_CAPACITY = 10_000;

    private final InventoryRepository repository;
    private final Clock clock;
    private final DurableWrites writes;
    private final boolean ownsWrites;
    private final Set<InventoryConnector> recollectLater = ConcurrentHashMap.newKeySet();
    private final Consumer<String> log;
    private final BlockingQueue<Runnable> work = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final List<LiveFeed> feeds = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread worker;

    /**
     * @param changeSink receives the changes each update recorded (for display or alerting)
     * @param log        receives one-line operational messages
     */
    public LiveInventoryUpdater(InventoryRepository repository, Clock clock, Consumer<List<InventoryChange>> changeSink,
                                Consumer<String> log) {
        this(repository, DurableWrites.memoryOnly(repository, DurableSettings.defaults(), changeSink, log), true, clock,
                log);
    }

    /**
     * An updater whose VM updates and stale marks go through the service's durable writes; the changes they log
     * reach {@link DurableWrites#inventoryChanges()}, as do those of full re-collections.
     *
     * @param writes durable writes on the same store; not closed by this updater
     * @param log    receives one-line operational messages
     */
    public LiveInventoryUpdater(InventoryRepository repository, DurableWrites writes, Clock clock,
                                Consumer<String> log) {
        this(repository, writes, false, clock, log);
    }

    private LiveInventoryUpdater(InventoryRepository repository, DurableWrites writes, boolean ownsWrites, Clock clock,
                                 Consumer<String> log) {
        this.repository = repository;
        this.writes = writes;
        this.ownsWrites = ownsWrites;
        this.clock = clock;
        this.log = log;
        this.worker = org.virtguard.service.runtime.BackgroundThreads.named("virtguard-live-updates")
                .newThread(this::drain);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /**
     * Follows a connector's live feed.
     *
     * @return whether the source offers a live feed
     */
    public boolean follow(InventoryConnector connector) throws ConnectorException {
        Optional<LiveFeed> feed = connector.watch(new Listener(connector));
        feed.ifPresent(feeds::add);
        return feed.isPresent();
    }

    private void drain() {
        while (running.get()) {
            try {
                Runnable task = work.poll(200, TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.run();
                } else {
                    retryRecollections();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.accept("live update failed: " + e);
            }
        }
    }

    private void submit(InventoryConnector connector, Runnable task) {
        if (!work.offer(task)) {
            log.accept("live update queue full; scheduling a full re-collection of " + connector.source().id());
            work.clear();
            work.offer(() -> recollect(connector));
        }
    }

    private void refreshVm(InventoryConnector connector, VmEvent event) {
        try {
            Optional<VirtualMachine> vm = connector.collectVm(event.vmId());
            if (vm.isPresent() && OutgoingMigration.alreadyArrivedElsewhere(event, connector.source().id(),
                    repository)) {
                return;
            }
            writes.vm(connector.source().id(), event.vmId(), vm, event.at());
        } catch (ConnectorException e) {
            log.accept("cannot re-read VM " + event.vmName() + " after " + event.kind() + ": " + e.getMessage());
        }
    }

    private void recollect(InventoryConnector connector) {
        String sourceId = connector.source().id();
        if (!writes.storeAvailable() || writes.pending() > 0) {
            deferRecollection(connector, "the store is unreachable or still writing its backlog");
            return;
        }
        try {
            InventorySnapshot snapshot = connector.collect();
            publish(repository.applySync(List.of(snapshot), List.of(), clock.instant()).changes());
            recollectLater.remove(connector);
        } catch (ConnectorException e) {
            log.accept("full re-collection of " + sourceId + " failed: " + e.getMessage());
            writes.markStale(sourceId, e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            if (!StoreFailures.unreachable(e)) {
                throw e;
            }
            deferRecollection(connector, e.getMessage());
        }
    }

    private void deferRecollection(InventoryConnector connector, String why) {
        if (recollectLater.add(connector)) {
            log.accept("full re-collection of " + connector.source().id() + " deferred until the store is back: "
                    + why);
        }
    }

    private void retryRecollections() {
        if (recollectLater.isEmpty() || !writes.storeAvailable() || writes.pending() > 0) {
            return;
        }
        for (InventoryConnector connector : List.copyOf(recollectLater)) {
            recollectLater.remove(connector);
            recollect(connector);
        }
    }

    private void publish(List<InventoryChange> changes) {
        if (!changes.isEmpty()) {
            writes.inventoryChanges().accept(changes);
        }
    }

    @Override
    public void close() {
        feeds.forEach(LiveFeed::close);
        running.set(false);
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsWrites) {
            writes.awaitWrittenQuietly();
            writes.close();
        }
    }

    private final class Listener implements InventoryChangeListener {
        private final InventoryConnector connector;

        Listener(InventoryConnector connector) {
            this.connector = connector;
        }

        @Override
        public void vmChanged(VmEvent event) {
            submit(connector, () -> refreshVm(connector, event));
        }

        @Override
        public void connectionLost(String sourceId, String reason) {
            submit(connector, () -> {
                log.accept("source " + sourceId + " disconnected: " + reason + " (data kept, marked stale)");
                writes.markStale(sourceId, reason, clock.instant());
            });
        }

        @Override
        public void connectionRestored(String sourceId) {
            submit(connector, () -> {
                log.accept("source " + sourceId + " reconnected; re-collecting");
                recollect(connector);
            });
        }
    }
}
