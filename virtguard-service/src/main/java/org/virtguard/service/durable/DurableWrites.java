package org.virtguard.service.durable;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.virtguard.model.Alert;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.VirtualMachine;
import org.virtguard.service.ServiceException;
import org.virtguard.store.InventoryRepository;
import org.virtguard.store.Store;
import org.virtguard.store.StoreFailures;
import org.virtguard.store.flows.StoredFlowEdge;

/**
 * The writes that must not be lost while the store is away: alerts, flow edges, live VM updates and stale marks.
 *
 * <p>Callers only enqueue (a short lock, no I/O): a background writer thread writes each item to the store in
 * the order given. While the store is unreachable the items wait in memory, up to
 * {@link DurableSettings#memoryLimit()}; beyond that a spiller thread moves the oldest to an append-only file in
 * the spill directory (fsync'd per batch), which the writer reads before memory, so the order never changes. A
 * restart replays what is on disk first; {@link #close()} moves what is still in memory to disk. A write the store
 * refuses for a reason other than being unreachable (bad data) is logged in one line and skipped.
 *
 * <p>Logging is one line per state change: store down, store back, backlog written.
 */
public final class DurableWrites implements AutoCloseable {

    private static final long IDLE_WAIT_MS = 200;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final WriteTargets targets;
    private final SpillFile disk;
    private final DurableSettings settings;
    private final Consumer<String> log;
    private final Object lock = new Object();
    private final ArrayDeque<PendingWrite> memory = new ArrayDeque<>();
    private final Thread writer;
    private final Thread spiller;
    private PendingWrite inFlight;
    private boolean spilling;
    private volatile boolean running = true;
    private volatile boolean available = true;
    private volatile Instant downSince;
    private long outages;
    private long written;
    private long writtenInOutage;
    private long skipped;
    private long dropped;
    private boolean droppingLogged;

    /**
     * Starts the writer; pending writes on disk from an earlier run are written first.
     *
     * @param spillDir         directory of the spill file, e.g. {@code <dataDir>/outage}; created when missing
     * @param inventoryChanges receives the changes each applied VM update logged (e.g. the dormant-VM guard)
     * @param log              receives one-line operational messages
     * @throws ServiceException {@code STORE_UNAVAILABLE} when the spill directory cannot be opened
     */
    public DurableWrites(Store store, Path spillDir, DurableSettings settings,
                         Consumer<List<InventoryChange>> inventoryChanges, Consumer<String> log) {
        this(store, spillDir, settings, inventoryChanges, () -> { }, log);
    }

    /**
     * As {@link #DurableWrites(Store, Path, DurableSettings, Consumer, Consumer)}, and tells {@code alertWritten}
     * after each alert reached the store (on the writer thread: it must be quick and must not throw).
     */
    public DurableWrites(Store store, Path spillDir, DurableSettings settings,
                         Consumer<List<InventoryChange>> inventoryChanges, Runnable alertWritten,
                         Consumer<String> log) {
        this(new WriteTargets(store.inventory(), store.alerts(), store.flows(), inventoryChanges,
                () -> store.ping(Duration.ofSeconds(1)), alertWritten), Objects.requireNonNull(spillDir, "spillDir"),
                settings, log);
    }

    private DurableWrites(WriteTargets targets, Path spillDir, DurableSettings settings, Consumer<String> log) {
        this.targets = targets;
        this.settings = settings;
        this.log = log;
        try {
            this.disk = spillDir == null ? null : new SpillFile(spillDir, settings.maxLineBytes());
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.STORE_UNAVAILABLE, "cannot open the outage spool under " + spillDir
                    + ": " + e.getMessage());
        }
        if (disk != null && disk.size() > 0) {
            log.accept(disk.size() + " write(s) kept on disk during an earlier store outage; writing them first");
        }
        this.writer = daemon(this::writeLoop, "virtguard-durable-writer");
        this.spiller = daemon(this::spillLoop, "virtguard-durable-spiller");
    }

    /**
     * Live VM updates and stale marks only, kept in memory (no disk): for callers without a data directory. When
     * the memory limit is reached further writes are dropped and counted, with one log line.
     */
    public static DurableWrites memoryOnly(InventoryRepository inventory, DurableSettings settings,
                                           Consumer<List<InventoryChange>> inventoryChanges, Consumer<String> log) {
        return new DurableWrites(new WriteTargets(inventory, null, null, inventoryChanges, () -> {
            try {
                inventory.sources();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }), null, settings, log);
    }

    /** Records an alert ({@code store.alerts().record(alert, at)}). Never blocks, never throws for the store. */
    public void alert(Alert alert, Instant at) {
        enqueue(PendingWrite.alert(alert, at));
    }

    /** Adds flow edges ({@code store.flows().add(edges)}). Never blocks, never throws for the store. */
    public void edges(List<StoredFlowEdge> edges) {
        if (!edges.isEmpty()) {
            enqueue(PendingWrite.edges(edges));
        }
    }

    /**
     * Applies a live re-read of one VM ({@code inventory.applyVm}) at its real time; the changes it logs go to the
     * inventory-change consumer when it is written.
     */
    public void vm(String sourceId, String vmId, Optional<VirtualMachine> vm, Instant at) {
        enqueue(PendingWrite.vm(sourceId, vmId, vm, at));
    }

    /** Marks a source stale ({@code inventory.markStale}), in order with the other writes. */
    public void markStale(String sourceId, String reason, Instant at) {
        enqueue(PendingWrite.stale(sourceId, reason, at));
    }

    /** Whether the last write (or, while idle during an outage, the last ping) reached the store. */
    public boolean storeAvailable() {
        return available;
    }

    /** When the current outage began, if the store is unreachable. */
    public Optional<Instant> unavailableSince() {
        return available ? Optional.empty() : Optional.ofNullable(downSince);
    }

    /** Writes not yet in the store (memory, disk and the one being written). */
    public long pending() {
        synchronized (lock) {
            return memory.size() + (inFlight == null ? 0 : 1) + (disk == null ? 0 : disk.size());
        }
    }

    /** Writes waiting in the spill file on disk. */
    public long spilledToDisk() {
        return disk == null ? 0 : disk.size();
    }

    /** Times the store became unreachable since start. */
    public long outages() {
        synchronized (lock) {
            return outages;
        }
    }

    /** Writes refused by the store for bad data, or dropped because memory was full without a disk. */
    public long lost() {
        synchronized (lock) {
            return skipped + dropped + (disk == null ? 0 : disk.skipped());
        }
    }

    /** The consumer of inventory changes given at construction (for re-collections applied directly). */
    public Consumer<List<InventoryChange>> inventoryChanges() {
        return targets.inventoryChanges();
    }

    /** Waits until nothing is pending; returns whether that happened within the timeout. */
    public boolean awaitWritten(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return true;
    }

    /** Waits up to five seconds for pending writes while the store is reachable; for orderly shutdown. */
    public void awaitWrittenQuietly() {
        try {
            if (available) {
                awaitWritten(CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(PendingWrite write) {
        synchronized (lock) {
            if (!running) {
                throw new IllegalStateException("durable writes are closed");
            }
            if (disk == null && memory.size() >= settings.memoryLimit()) {
                dropped++;
                if (!droppingLogged) {
                    droppingLogged = true;
                    log.accept("store unreachable and " + settings.memoryLimit()
                            + " writes waiting in memory; dropping further writes (no spill directory)");
                }
                return;
            }
            memory.addLast(write);
            lock.notifyAll();
        }
    }

    private void spillLoop() {
        while (running) {
            List<PendingWrite> batch = new ArrayList<>();
            synchronized (lock) {
                while (running && memory.size() <= settings.memoryLimit()) {
                    waitOn(IDLE_WAIT_MS);
                }
                if (!running) {
                    return;
                }
                int keep = settings.memoryLimit() / 2;
                while (memory.size() > keep) {
                    batch.add(memory.pollFirst());
                }
                spilling = true;
            }
            List<PendingWrite> kept = spill(batch);
            synchronized (lock) {
                for (int i = kept.size() - 1; i >= 0; i--) {
                    memory.addFirst(kept.get(i));
                }
                spilling = false;
                lock.notifyAll();
            }
        }
    }

    /** Writes the batch to disk; returns what could not be written (kept in memory, ahead of newer items). */
    private List<PendingWrite> spill(List<PendingWrite> batch) {
        List<String> lines = new ArrayList<>(batch.size());
        List<PendingWrite> kept = new ArrayList<>();
        for (PendingWrite w : batch) {
            String line = w.toLine();
            if (line.length() > settings.maxLineBytes() / 4 && line.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    .length > settings.maxLineBytes()) {
                log.accept("cannot spill " + w.describe() + " to disk (larger than " + settings.maxLineBytes()
                        + " bytes); dropped");
                synchronized (lock) {
                    dropped++;
                }
                continue;
            }
            lines.add(line);
        }
        try {
            disk.append(lines);
            return kept;
        } catch (IOException e) {
            log.accept("cannot spill " + lines.size() + " write(s) to disk: " + e.getMessage() + "; kept in memory");
            return batch;
        }
    }

    private void writeLoop() {
        while (running) {
            Next next = next();
            if (next == null) {
                if (!available && targets.ping().getAsBoolean()) {
                    storeBack();
                }
                continue;
            }
            List<InventoryChange> changes;
            try {
                changes = next.write().apply(targets);
            } catch (RuntimeException e) {
                if (StoreFailures.unreachable(e) || StoreFailures.diskFull(e)) {
                    storeDown(e);
                    pause();
                    continue;
                }
                changes = List.of();
                skip(next.write(), e);
            }
            done(next);
            if (!changes.isEmpty()) {
                publish(changes);
            }
        }
    }

    private record Next(PendingWrite write, boolean fromDisk) {
    }

    /** The oldest pending write, or {@code null} after waiting a little when there is none. */
    private Next next() {
        synchronized (lock) {
            if (inFlight != null) {
                return new Next(inFlight, false); // taken from memory before anything now on disk was spilled
            }
        }
        if (disk != null && disk.size() > 0) {
            try {
                Optional<String> line = disk.peek();
                if (line.isPresent()) {
                    try {
                        return new Next(PendingWrite.fromLine(line.get()), true);
                    } catch (RuntimeException e) {
                        log.accept("unreadable line in the outage spool skipped: " + e.getMessage());
                        disk.advance();
                        return null;
                    }
                }
            } catch (IOException e) {
                log.accept("cannot read the outage spool: " + e.getMessage());
                pause();
                return null;
            }
        }
        synchronized (lock) {
            if (inFlight == null && !spilling && (disk == null || disk.size() == 0)) {
                inFlight = memory.pollFirst();
            }
            if (inFlight == null) {
                waitOn(IDLE_WAIT_MS);
                return null;
            }
            return new Next(inFlight, false);
        }
    }

    private void done(Next next) {
        if (next.fromDisk()) {
            try {
                disk.advance();
            } catch (IOException e) {
                log.accept("cannot advance the outage spool: " + e.getMessage());
            }
        }
        boolean drained;
        long afterOutage;
        synchronized (lock) {
            if (!next.fromDisk()) {
                inFlight = null;
            }
            written++;
            if (!available || writtenInOutage > 0) {
                writtenInOutage++;
            }
            drained = memory.isEmpty() && (disk == null || disk.size() == 0);
            afterOutage = writtenInOutage;
            if (drained) {
                writtenInOutage = 0;
            }
        }
        if (!available) {
            storeBack();
        }
        if (drained && afterOutage > 0) {
            log.accept("store outage backlog written: " + afterOutage + " write(s)");
        }
    }

    private void storeDown(RuntimeException e) {
        if (available) {
            synchronized (lock) {
                outages++;
            }
            downSince = Instant.now();
            available = false;
            log.accept("store unreachable (" + oneLine(e) + "); keeping writes until it is back, " + pending()
                    + " pending");
        }
    }

    private void storeBack() {
        if (!available) {
            available = true;
            synchronized (lock) {
                if (writtenInOutage == 0) {
                    writtenInOutage = 0;
                }
            }
            log.accept("store reachable again; writing " + pending() + " pending write(s) in order");
        }
    }

    private void skip(PendingWrite write, RuntimeException e) {
        synchronized (lock) {
            skipped++;
        }
        log.accept("store refused " + write.describe() + ", skipped: " + oneLine(e));
    }

    private void publish(List<InventoryChange> changes) {
        try {
            targets.inventoryChanges().accept(changes);
        } catch (RuntimeException e) {
            log.accept("inventory change consumer failed: " + oneLine(e));
        }
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(settings.retryEvery().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitOn(long millis) {
        try {
            lock.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

    private static Thread daemon(Runnable work, String name) {
        Thread t = org.virtguard.service.runtime.BackgroundThreads.named(name).newThread(work);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Stops the threads (the write under way finishes) and moves what is still in memory to disk, where the next
     * start finds it. Without a spill directory, what is pending is lost and counted in one log line.
     */
    @Override
    public void close() {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        join(writer);
        join(spiller);
        List<PendingWrite> rest;
        PendingWrite head;
        synchronized (lock) {
            head = inFlight;
            inFlight = null;
            rest = new ArrayList<>(memory);
            memory.clear();
        }
        if (disk == null) {
            long lostNow = rest.size() + (head == null ? 0 : 1);
            if (lostNow > 0) {
                log.accept(lostNow + " write(s) still pending at shutdown were not stored (no spill directory)");
            }
            return;
        }
        try {
            if (head != null) {
                disk.prepend(List.of(head.toLine()));
            }
            disk.append(SpillFile.lines(rest));
            if (disk.size() > 0) {
                log.accept(disk.size() + " pending write(s) kept on disk for the next start");
            }
            disk.close();
        } catch (IOException e) {
            log.accept("cannot keep " + rest.size() + " pending write(s) on disk: " + e.getMessage());
        }
    }

    private static void join(Thread t) {
        try {
            t.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
