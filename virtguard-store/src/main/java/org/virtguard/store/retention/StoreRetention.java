package org.virtguard.store.retention;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.virtguard.model.ErrorCode;
import org.virtguard.store.StoreFailures;
import org.virtguard.store.StoreException;

/**
 * Deletes data older than its retention period, kind by kind, in bounded batches: each batch is its own short
 * transaction of at most {@link #BATCH} rows, so a year of backlog never holds one huge transaction or lock. The
 * audit log has no method here: it is never deleted.
 *
 * <p>What is kept whatever its age: open and acknowledged alerts, open findings, pending or executing response
 * actions, sessions not yet expired, and each VM's latest power-state change (the dormant-VM guard reads when a VM
 * was powered off from it).
 */
public final class StoreRetention {

    /** Most rows one delete statement removes. */
    public static final int BATCH = 5_000;

    /** The advisory lock key of the retention job: one leader among replicas sharing a PostgreSQL store. */
    static final long LEADER_LOCK_KEY = 0x5647_5245_5445_4e54L; // "VGRETENT"

    private final Jdbi jdbi;
    private final boolean postgres;
    private final Runnable findingsChanged;

    /**
     * @param postgres        whether the store is PostgreSQL (leadership through an advisory lock); otherwise the
     *                        embedded store, used by one process only
     * @param findingsChanged called after findings were deleted (cached counts are dropped)
     */
    public StoreRetention(Jdbi jdbi, boolean postgres, Runnable findingsChanged) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.postgres = postgres;
        this.findingsChanged = Objects.requireNonNull(findingsChanged, "findingsChanged");
    }

    /**
     * Becomes the one process that runs retention now: on PostgreSQL by taking a session advisory lock (released by
     * closing the lease, or by the database when the connection is lost); on the embedded store at once.
     *
     * @return the lease, or empty when another replica holds it
     */
    public Optional<Leadership> tryLead() {
        if (!postgres) {
            return Optional.of(() -> { });
        }
        Handle handle = jdbi.open();
        try {
            boolean got = handle.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", LEADER_LOCK_KEY)
                    .mapTo(Boolean.class).one();
            if (!got) {
                handle.close();
                return Optional.empty();
            }
            return Optional.of(() -> {
                try (handle) {
                    handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", LEADER_LOCK_KEY)
                            .mapTo(Boolean.class).one();
                }
            });
        } catch (JdbiException e) {
            handle.close();
            throw failure("take the retention lock", e);
        }
    }

    /** Per-minute flow edges whose minute started before {@code cutoff}. */
    public long flowEdges(Instant cutoff) {
        return repeat(h -> deleteKeys(h, "flow_edge", List.of("minute_start", "edge_kind", "from_name", "to_name",
                "east_west"), "minute_start < :cutoff", cutoff));
    }

    /** Closed alerts last seen and last changed before {@code cutoff}; open and acknowledged ones are kept. */
    public long closedAlerts(Instant cutoff) {
        return repeat(h -> h.createUpdate("DELETE FROM alert WHERE alert_key IN (SELECT alert_key FROM alert "
                        + "WHERE status = 'CLOSED' AND last_seen < :cutoff AND updated_at < :cutoff LIMIT " + BATCH + ")")
                .bind("cutoff", cutoff).execute());
    }

    /**
     * Finding history: findings resolved before {@code cutoff} (with their zone rows), the finding events
     * (opened/resolved) recorded before it and the dashboard trend points before it. Open findings are kept.
     */
    public long findingHistory(Instant cutoff) {
        long findings = repeat(h -> deleteKeys(h, "finding", List.of("check_id", "resource_id"),
                "is_open = FALSE AND resolved_at < :cutoff", cutoff, "finding_zone"));
        long events = repeat(h -> h.createUpdate("DELETE FROM finding_event WHERE seq IN (SELECT seq FROM "
                + "finding_event WHERE evaluated_at < :cutoff LIMIT " + BATCH + ")").bind("cutoff", cutoff).execute());
        long trend = repeat(h -> deleteKeys(h, "finding_trend", List.of("evaluated_at", "severity"),
                "evaluated_at < :cutoff", cutoff));
        if (findings > 0) {
            findingsChanged.run();
        }
        return findings + events + trend;
    }

    /**
     * The inventory change log before {@code cutoff}, and the runs left without changes. Each VM's latest
     * power-state change is kept whatever its age: it says since when a VM that is off has been off.
     */
    public long inventoryChanges(Instant cutoff) {
        long changes = repeat(h -> h.createUpdate("DELETE FROM inv_change WHERE id IN (SELECT c.id FROM inv_change c "
                        + "WHERE c.changed_at < :cutoff AND NOT (c.change_type = 'POWER_STATE_CHANGED' AND c.id = "
                        + "(SELECT MAX(p.id) FROM inv_change p WHERE p.object_id = c.object_id "
                        + "AND p.change_type = 'POWER_STATE_CHANGED')) LIMIT " + BATCH + ")")
                .bind("cutoff", cutoff).execute());
        long runs = repeat(h -> h.createUpdate("DELETE FROM inv_run WHERE id IN (SELECT r.id FROM inv_run r "
                        + "WHERE r.run_at < :cutoff AND NOT EXISTS (SELECT 1 FROM inv_change c WHERE c.run_id = r.id) "
                        + "LIMIT " + BATCH + ")")
                .bind("cutoff", cutoff).execute());
        return changes + runs;
    }

    /** Response actions that ended (executed, failed, rejected, expired, cancelled) before {@code cutoff}. */
    public long finishedResponseActions(Instant cutoff) {
        return repeat(h -> h.createUpdate("DELETE FROM response_action WHERE id IN (SELECT id FROM response_action "
                        + "WHERE status IN ('EXECUTED', 'FAILED', 'REJECTED', 'EXPIRED', 'CANCELLED') "
                        + "AND COALESCE(finished_at, decided_at, requested_at) < :cutoff LIMIT " + BATCH + ")")
                .bind("cutoff", cutoff).execute());
    }

    /** Console sessions that expired before {@code cutoff}. */
    public long expiredSessions(Instant cutoff) {
        return repeat(h -> h.createUpdate("DELETE FROM user_session WHERE id_hash IN (SELECT id_hash FROM "
                        + "user_session WHERE expires_at < :cutoff LIMIT " + BATCH + ")")
                .bind("cutoff", cutoff).execute());
    }

    /** How many rows of each retained kind and of the audit log there are (for tests and reports). */
    public Map<String, Long> counts() {
        return read(h -> {
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            for (String table : List.of("flow_edge", "alert", "finding", "finding_zone", "finding_event",
                    "finding_trend", "inv_change", "inv_run", "response_action", "user_session", "audit_entry")) {
                counts.put(table, h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
            }
            return counts;
        });
    }

    /**
     * Deletes up to {@link #BATCH} rows of {@code table} matching {@code where}, by primary key: the keys are read
     * first, then deleted (also from {@code alsoFrom}, tables keyed the same way) in one transaction.
     */
    private static int deleteKeys(Handle handle, String table, List<String> key, String where, Instant cutoff,
                                  String... alsoFrom) {
        String columns = String.join(", ", key);
        List<Map<String, Object>> keys = handle.createQuery("SELECT " + columns + " FROM " + table + " WHERE "
                + where + " LIMIT " + BATCH).bind("cutoff", cutoff).mapToMap().list();
        if (keys.isEmpty()) {
            return 0;
        }
        String match = String.join(" AND ", key.stream().map(c -> c + " = :" + c).toList());
        return handle.inTransaction(tx -> {
            for (String other : alsoFrom) {
                var batch = tx.prepareBatch("DELETE FROM " + other + " WHERE " + match);
                keys.forEach(k -> batch.bindMap(lowerCase(k)).add());
                batch.execute();
            }
            var batch = tx.prepareBatch("DELETE FROM " + table + " WHERE " + match);
            keys.forEach(k -> batch.bindMap(lowerCase(k)).add());
            int deleted = 0;
            for (int n : batch.execute()) {
                deleted += Math.max(0, n);
            }
            return deleted;
        });
    }

    private static Map<String, Object> lowerCase(Map<String, Object> row) {
        Map<String, Object> out = new java.util.HashMap<>();
        row.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT),
                v instanceof java.time.OffsetDateTime t ? t.toInstant() : v));
        return out;
    }

    /** Runs one batch after another until a batch deletes less than a full batch. */
    private long repeat(java.util.function.ToIntFunction<Handle> batch) {
        long total = 0;
        while (!Thread.currentThread().isInterrupted()) {
            int deleted = read(batch::applyAsInt);
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        return total;
    }

    private <R> R read(org.jdbi.v3.core.HandleCallback<R, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw failure("apply retention", e);
        }
    }

    private static StoreException failure(String what, JdbiException e) {
        String detail = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip();
        return new StoreException(StoreFailures.unreachable(e) ? ErrorCode.STORE_UNAVAILABLE : ErrorCode.INTERNAL,
                "cannot " + what + ": " + detail, e);
    }

    /** Held while running retention; closing it lets another replica lead. */
    @FunctionalInterface
    public interface Leadership extends AutoCloseable {
        @Override
        void close();
    }
}
