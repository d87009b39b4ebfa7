package org.virtguard.service.runtime;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.virtguard.service.config.Durations;
import org.virtguard.service.config.RetentionConfig;
import org.virtguard.store.Store;
import org.virtguard.store.retention.StoreRetention;

/**
 * The service's one retention job: deletes every kind of data older than its configured period (flow edges, closed
 * alerts, finding history, the inventory change log, finished response actions, expired sessions, undelivered spool
 * messages). Only the replica holding the store's retention lock runs it; the others skip that round. The audit log
 * is never deleted.
 */
public final class RetentionJob {

    /** One delivery target's spool. */
    @FunctionalInterface
    public interface Spool {
        /** Drops messages spooled before {@code cutoff}; returns how many. */
        int dropBefore(Instant cutoff) throws IOException;
    }

    private final Store store;
    private final Periods periods;
    private final Supplier<List<Spool>> spools;
    private final Clock clock;
    private final Consumer<String> log;

    /**
     * @param spools the delivery targets' spools at the time of each run
     * @param log    one line per run that deleted something, and one per failure
     */
    public RetentionJob(Store store, Periods periods, Supplier<List<Spool>> spools, Clock clock,
                        Consumer<String> log) {
        this.store = Objects.requireNonNull(store, "store");
        this.periods = Objects.requireNonNull(periods, "periods");
        this.spools = Objects.requireNonNull(spools, "spools");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Runs retention once when this process can lead it.
     *
     * @return what was deleted per kind, or empty when another replica holds the lock
     * @throws org.virtguard.store.StoreException when the store fails; batches already deleted stay deleted
     */
    public Optional<Map<String, Long>> runOnce() {
        StoreRetention retention = store.retention();
        Optional<StoreRetention.Leadership> lease = retention.tryLead();
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        try (StoreRetention.Leadership held = lease.get()) {
            Instant now = clock.instant();
            Map<String, Long> deleted = new LinkedHashMap<>();
            deleted.put("flowEdges", retention.flowEdges(now.minus(periods.flowEdges())));
            deleted.put("alerts", retention.closedAlerts(now.minus(periods.alerts())));
            deleted.put("findingHistory", retention.findingHistory(now.minus(periods.findingHistory())));
            deleted.put("inventoryChanges", retention.inventoryChanges(now.minus(periods.inventoryChanges())));
            deleted.put("responseActions", retention.finishedResponseActions(now.minus(periods.responseActions())));
            deleted.put("sessions", retention.expiredSessions(now.minus(periods.sessions())));
            deleted.put("deliverySpool", dropSpooled(now.minus(periods.deliverySpool())));
            return Optional.of(deleted);
        }
    }

    /** {@link #runOnce()} for the scheduler: logs what was deleted, or the failure, and never throws. */
    public void runLogged() {
        try {
            runOnce().ifPresent(deleted -> {
                if (deleted.values().stream().anyMatch(n -> n > 0)) {
                    log.accept("retention: deleted " + deleted.entrySet().stream().filter(e -> e.getValue() > 0)
                            .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
                }
            });
        } catch (RuntimeException e) {
            log.accept("retention failed (retried at the next run): " + e.getMessage());
        }
    }

    private long dropSpooled(Instant cutoff) {
        long dropped = 0;
        for (Spool spool : spools.get()) {
            try {
                dropped += spool.dropBefore(cutoff);
            } catch (IOException e) {
                log.accept("retention: cannot clean a delivery spool: " + e.getMessage());
            }
        }
        return dropped;
    }

    /**
     * The retention periods.
     *
     * @param flowEdges        per-minute traffic edges
     * @param alerts           closed alerts
     * @param findingHistory   resolved findings, finding events, trend points
     * @param inventoryChanges the inventory change log
     * @param responseActions  finished response actions
     * @param sessions         expired console sessions, from their expiry
     * @param deliverySpool    undelivered spool messages
     */
    public record Periods(Duration flowEdges, Duration alerts, Duration findingHistory, Duration inventoryChanges,
                          Duration responseActions, Duration sessions, Duration deliverySpool) {

        /** The periods of a validated {@code retention:} section. */
        public static Periods of(RetentionConfig config) {
            return new Periods(Durations.parse(config.flowEdges()), Durations.parse(config.alerts()),
                    Durations.parse(config.findingHistory()), Durations.parse(config.inventoryChanges()),
                    Durations.parse(config.responseActions()), Durations.parse(config.sessions()),
                    Durations.parse(config.deliverySpool()));
        }
    }
}
