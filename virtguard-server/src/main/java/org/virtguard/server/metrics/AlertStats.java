package org.virtguard.server.metrics;

import java.util.EnumMap;
import java.util.Map;

import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.virtguard.model.Alert;
import org.virtguard.store.InventoryJson;
import org.virtguard.store.Sql;
import org.virtguard.store.alerts.StoredAlert;
import org.virtguard.model.Severity;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.alerts.AlertStatus;

/** Alert counts and pages for the dashboard, the API and metrics, computed in the database. */
public final class AlertStats {

    /** How long a counted total is reused. */
    public static final java.time.Duration COUNT_TTL = java.time.Duration.ofSeconds(2);
    private static final int MAX_CACHED_COUNTS = 256;

    private final Jdbi jdbi;
    private final java.util.concurrent.ConcurrentHashMap<AlertQuery, CachedCount> counts =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record CachedCount(long value, long at) {
    }

    public AlertStats(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Alerts in a status, by severity (every severity present, zero when none). */
    public Map<Severity, Long> bySeverity(AlertStatus status) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0L);
        }
        jdbi.useHandle(h -> h.createQuery("SELECT severity, COUNT(*) AS n FROM alert WHERE status = :s GROUP BY severity")
                .bind("s", status.name())
                .map((rs, ctx) -> Map.entry(rs.getString("severity"), rs.getLong("n")))
                .forEach(e -> counts.put(Severity.valueOf(e.getKey()), e.getValue())));
        return counts;
    }

    /**
     * How many alerts match the query's filters (its limit is ignored). Counting is a scan, so results are
     * reused for {@link #COUNT_TTL}: a page's total may lag new alerts by that much.
     */
    public long count(AlertQuery q) {
        AlertQuery key = new AlertQuery(q.minSeverity(), q.kindPrefix(), q.since(), q.status(), 0);
        long now = System.nanoTime();
        CachedCount cached = counts.get(key);
        if (cached != null && now - cached.at() < COUNT_TTL.toNanos()) {
            return cached.value();
        }
        long value = countNow(q);
        if (counts.size() >= MAX_CACHED_COUNTS) {
            counts.clear();
        }
        counts.put(key, new CachedCount(value, now));
        return value;
    }

    private long countNow(AlertQuery q) {
        return jdbi.withHandle(h -> filtered(h, "SELECT COUNT(*) FROM alert", q, "").mapTo(Long.class).one());
    }

    /**
     * One page of the alerts matching the query's filters, most recently seen first (ties by key), read with
     * OFFSET in the database so deep pages cost no more to transfer than the first.
     */
    public List<StoredAlert> page(AlertQuery q, int offset, int limit) {
        return jdbi.withHandle(h -> filtered(h, "SELECT alert_key, status, status_note, updated_at, doc FROM alert", q,
                " ORDER BY last_seen DESC, alert_key LIMIT " + Math.max(1, limit) + " OFFSET " + Math.max(0, offset))
                .map((rs, ctx) -> new StoredAlert(InventoryJson.read(rs.getString("doc"), Alert.class),
                        AlertStatus.valueOf(rs.getString("status")), rs.getString("status_note"),
                        Sql.instant(rs, "updated_at")))
                .list());
    }

    private static Query filtered(Handle h, String select, AlertQuery q, String tail) {
        StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
        if (q.minSeverity() != null) {
            sql.append(" AND severity_rank >= :rank");
        }
        if (q.kindPrefix() != null) {
            sql.append(" AND kind LIKE :kind ESCAPE '\\'");
        }
        if (q.since() != null) {
            sql.append(" AND last_seen >= :since");
        }
        if (q.status() != null) {
            sql.append(" AND status = :status");
        }
        Query query = h.createQuery(sql.append(tail).toString());
        if (q.minSeverity() != null) {
            query.bind("rank", q.minSeverity().ordinal());
        }
        if (q.kindPrefix() != null) {
            query.bind("kind", q.kindPrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (q.since() != null) {
            query.bind("since", q.since());
        }
        if (q.status() != null) {
            query.bind("status", q.status().name());
        }
        return query;
    }

    /** Alerts per status. */
    public Map<AlertStatus, Long> byStatus() {
        Map<AlertStatus, Long> counts = new EnumMap<>(AlertStatus.class);
        for (AlertStatus s : AlertStatus.values()) {
            counts.put(s, 0L);
        }
        jdbi.useHandle(h -> h.createQuery("SELECT status, COUNT(*) AS n FROM alert GROUP BY status")
                .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .forEach(e -> counts.put(AlertStatus.valueOf(e.getKey()), e.getValue())));
        return counts;
    }
}
