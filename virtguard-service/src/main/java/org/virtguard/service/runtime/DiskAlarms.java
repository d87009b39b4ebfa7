package org.virtguard.service.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.virtguard.server.metrics.ServiceMetrics;
import org.virtguard.server.readiness.ComponentStatus;
import org.virtguard.server.readiness.ComponentStatus.State;
import org.virtguard.store.DiskSpace;

/**
 * Watches the data directory's disk and what the service keeps on it: free space against the warning level and the
 * write reserve, the embedded store's size, the audit log's entries, the delivery spools and the outage spill. Each
 * is measured on a background thread every few seconds and kept in memory for {@code /ready} and {@code /metrics};
 * each alarm is logged once when it is raised and once when it clears.
 */
public final class DiskAlarms implements AutoCloseable {

    /** How often the sizes are measured. */
    static final long EVERY_SECONDS = 2;

    private final DiskSpace disk;
    private final long warnFree;
    private final Map<String, Measure> measures = new LinkedHashMap<>();
    private final Map<String, Long> values = new ConcurrentHashMap<>();
    private final Map<String, Boolean> raised = new ConcurrentHashMap<>();
    private final Consumer<String> log;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile boolean low;
    private volatile boolean full;
    private volatile Instant since;

    /** A measured size and the level above which it raises an alarm. */
    private record Measure(LongSupplier value, long alarmAbove, String unit) {
    }

    /**
     * @param disk     the data directory's disk and its write reserve
     * @param warnFree below this many free bytes the disk is reported low
     */
    public DiskAlarms(DiskSpace disk, long warnFree, Clock clock, Consumer<String> log) {
        this.disk = disk;
        this.warnFree = warnFree;
        this.clock = clock;
        this.log = log;
        this.since = clock.instant();
        this.timer = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.named("virtguard-disk-alarms"));
    }

    /**
     * Adds a size to watch.
     *
     * @param name       e.g. {@code auditEntries}
     * @param alarmAbove alarm when the value is larger
     * @param unit       {@code bytes} or {@code entries}, for the log line
     * @return this
     */
    public DiskAlarms watch(String name, LongSupplier value, long alarmAbove, String unit) {
        measures.put(name, new Measure(value, alarmAbove, unit));
        return this;
    }

    /** Measures once now, then every few seconds. */
    public DiskAlarms start() {
        measure();
        timer.scheduleWithFixedDelay(this::measureQuietly, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    /** Registers the gauges on {@code /metrics}. */
    public void register(ServiceMetrics metrics) {
        metrics.sample("virtguard_disk_free_bytes", "gauge", "free bytes on the data directory's disk",
                () -> disk.freeBytes() == Long.MAX_VALUE ? -1 : disk.freeBytes());
        metrics.sample("virtguard_disk_reserve_bytes", "gauge",
                "free bytes below which store writes are refused (503 STORE_DISK_FULL)", disk::reserveBytes);
        metrics.sample("virtguard_disk_full", "gauge", "1 while store writes are refused for a full disk",
                () -> disk.full() ? 1 : 0);
        metrics.sample("virtguard_disk_low", "gauge", "1 while free space is below disk.warnFree", () -> low ? 1 : 0);
        metrics.sample("virtguard_disk_writes_refused_total", "counter", "store writes refused for a full disk",
                disk::refusedWrites);
        metrics.sample("virtguard_size_alarms", "gauge", "size alarms raised now (store, audit, spool, outage)",
                this::alarmsRaised);
        for (String name : measures.keySet()) {
            String metric = "virtguard_" + snake(name);
            metrics.sample(metric, "gauge", name + " as last measured", () -> values.getOrDefault(name, 0L));
        }
    }

    /** The {@code disk} readiness component: down (not critical) while writes are refused, degraded on an alarm. */
    public ComponentStatus status() {
        boolean refusing = disk.full();
        long free = disk.freeBytes();
        State state = refusing ? State.DOWN : free < warnFree || alarmsRaised() > 0 ? State.DEGRADED : State.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("freeBytes", free == Long.MAX_VALUE ? -1 : free);
        details.put("reserveBytes", disk.reserveBytes());
        details.put("writesRefused", refusing);
        measures.keySet().forEach(name -> details.put(name, values.getOrDefault(name, 0L)));
        raised.forEach((name, on) -> {
            if (on) {
                details.put(name + "Alarm", true);
            }
        });
        return new ComponentStatus(state, false, since, details);
    }

    /** Alarms raised now. */
    public long alarmsRaised() {
        return raised.values().stream().filter(b -> b).count();
    }

    /** Measures every size and the free space now, logging each change of an alarm. */
    void measure() {
        boolean wasFull = full;
        boolean wasLow = low;
        long free = disk.freeBytes();
        full = disk.full();
        low = free < warnFree;
        if (full != wasFull) {
            since = clock.instant();
            log.accept(full ? "DISK FULL: only " + DiskSpace.mib(free) + " free on the disk of " + disk.directory()
                    + " (reserve " + DiskSpace.mib(disk.reserveBytes()) + "); store writes are refused (503 "
                    + "STORE_DISK_FULL) until space is freed, reads go on [STORE_DISK_FULL]"
                    : "disk space is back (" + DiskSpace.mib(free) + " free): store writes accepted again");
        } else if (low != wasLow && !full) {
            since = clock.instant();
            log.accept(low ? "disk space low: " + DiskSpace.mib(free) + " free on the disk of " + disk.directory()
                    + " (warning below " + DiskSpace.mib(warnFree) + "); writes are refused below "
                    + DiskSpace.mib(disk.reserveBytes()) : "disk space no longer low: " + DiskSpace.mib(free) + " free");
        }
        for (Map.Entry<String, Measure> e : measures.entrySet()) {
            String name = e.getKey();
            long value;
            try {
                value = e.getValue().value().getAsLong();
            } catch (RuntimeException failure) {
                continue; // e.g. the store is away: keep the last value
            }
            values.put(name, value);
            boolean on = value > e.getValue().alarmAbove();
            Boolean before = raised.put(name, on);
            if (before == null ? on : before != on) {
                since = clock.instant();
                log.accept(on ? "size alarm: " + name + " is " + value + " " + e.getValue().unit() + ", above "
                        + e.getValue().alarmAbove() : "size alarm cleared: " + name + " is " + value + " "
                        + e.getValue().unit());
            }
        }
    }

    private void measureQuietly() {
        try {
            measure();
        } catch (RuntimeException e) {
            log.accept("disk alarms: cannot measure: " + e.getMessage());
        }
    }

    /** Bytes taken by the regular files under {@code dir}; 0 when it does not exist. */
    public static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir, 4)) {
            return files.filter(Files::isRegularFile).mapToLong(DiskAlarms::sizeOf).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Bytes taken by the files of the embedded store in {@code dataDir} ({@code virtguard.*}). */
    public static long storeBytes(Path dataDir) {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("virtguard."))
                    .filter(Files::isRegularFile).mapToLong(DiskAlarms::sizeOf).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
