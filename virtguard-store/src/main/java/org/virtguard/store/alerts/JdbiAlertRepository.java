package org.virtguard.store.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Severity;
import org.virtguard.store.InventoryJson;
import org.virtguard.store.Sql;

/** {@link AlertRepository} on H2 or PostgreSQL. */
public final class JdbiAlertRepository implements AlertRepository {

    private static final String COLUMNS = "alert_key, status, status_note, updated_at, doc";

    private final Jdbi jdbi;

    public JdbiAlertRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public StoredAlert record(Alert alert, Instant at) {
        return jdbi.inTransaction(handle -> {
            long seq = nextChangeSeq(handle);
            Optional<StoredAlert> existing = select(handle, alert.key(), true);
            Instant now = Sql.truncate(at);
            if (existing.isEmpty()) {
                Alert stored = truncated(alert);
                insert(handle, stored, now, seq);
                return new StoredAlert(stored, AlertStatus.OPEN, null, now);
            }
            Alert merged = merge(existing.get().alert(), alert);
            AlertStatus status = existing.get().status() == AlertStatus.CLOSED ? AlertStatus.OPEN
                    : existing.get().status();
            update(handle, merged, status, now, seq);
            return new StoredAlert(merged, status, existing.get().statusNote(), now);
        });
    }

    static Alert merge(Alert old, Alert latest) {
        Severity severity = latest.severity().atLeast(old.severity()) ? latest.severity() : old.severity();
        Instant first = old.firstSeen().isBefore(latest.firstSeen()) ? old.firstSeen() : latest.firstSeen();
        Instant last = old.lastSeen().isAfter(latest.lastSeen()) ? old.lastSeen() : latest.lastSeen();
        return truncated(new Alert(latest.key(), latest.kind(), severity, latest.title(), latest.source(),
                latest.target(), first, last, Math.max(old.count(), latest.count()), latest.attributes(),
                latest.evidence()));
    }

    private static Alert truncated(Alert a) {
        return new Alert(a.key(), a.kind(), a.severity(), a.title(), a.source(), a.target(),
                Sql.truncate(a.firstSeen()), Sql.truncate(a.lastSeen()), a.count(), a.attributes(), a.evidence());
    }

    private static long nextChangeSeq(Handle handle) {
        handle.createUpdate("UPDATE alert_change_seq SET last_seq = last_seq + 1 WHERE id = 1").execute();
        return handle.createQuery("SELECT last_seq FROM alert_change_seq WHERE id = 1").mapTo(Long.class).one();
    }

    private static void insert(Handle handle, Alert alert, Instant now, long seq) {
        handle.createUpdate("""
                INSERT INTO alert (alert_key, kind, severity, severity_rank, title, source_address, source_vm_id,
                    source_zone, target_address, target_host_id, first_seen, last_seen, event_count, status,
                    status_note, updated_at, doc, change_seq)
                VALUES (:key, :kind, :severity, :rank, :title, :srcAddr, :srcVm, :srcZone, :dstAddr, :dstHost,
                    :first, :last, :count, :status, NULL, :now, :doc, :seq)""")
                .bind("seq", seq)
                .bind("status", AlertStatus.OPEN.name())
                .bind("now", now)
                .bindMap(columns(alert))
                .execute();
    }

    private static void update(Handle handle, Alert alert, AlertStatus status, Instant now, long seq) {
        handle.createUpdate("""
                UPDATE alert SET kind = :kind, severity = :severity, severity_rank = :rank, title = :title,
                    source_address = :srcAddr, source_vm_id = :srcVm, source_zone = :srcZone,
                    target_address = :dstAddr, target_host_id = :dstHost, first_seen = :first, last_seen = :last,
                    event_count = :count, status = :status, updated_at = :now, doc = :doc, change_seq = :seq
                WHERE alert_key = :key""")
                .bind("seq", seq)
                .bind("status", status.name())
                .bind("now", now)
                .bindMap(columns(alert))
                .execute();
    }

    private static java.util.Map<String, Object> columns(Alert alert) {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        Endpoint source = alert.source();
        Endpoint target = alert.target();
        values.put("key", alert.key());
        values.put("kind", alert.kind());
        values.put("severity", alert.severity().name());
        values.put("rank", alert.severity().ordinal());
        values.put("title", cut(alert.title() == null ? alert.kind() : alert.title(), 2000));
        values.put("srcAddr", cut(source == null ? null : source.address(), 128));
        values.put("srcVm", cut(source == null ? null : source.vmId(), 1024));
        values.put("srcZone", cut(source == null || source.zone() == null ? null : source.zone().name(), 256));
        values.put("dstAddr", cut(target == null ? null : target.address(), 128));
        values.put("dstHost", cut(target == null ? null : target.hostId(), 1024));
        values.put("first", alert.firstSeen());
        values.put("last", alert.lastSeen());
        values.put("count", alert.count());
        values.put("doc", InventoryJson.write(alert));
        return values;
    }

    /** A query column's value within its column (the full alert stays in the document). */
    private static String cut(String value, int limit) {
        return value == null || value.length() <= limit ? value : value.substring(0, limit);
    }

    @Override
    public List<ChangedAlert> changedAfter(AlertChangeCursor after, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT change_seq, " + COLUMNS + " FROM alert "
                        + "WHERE change_seq > :seq OR (change_seq = :seq AND alert_key > :key) "
                        + "ORDER BY change_seq, alert_key LIMIT :limit")
                .bind("seq", after.seq())
                .bind("key", after.key())
                .bind("limit", Math.max(1, limit))
                .map((rs, ctx) -> new ChangedAlert(new AlertChangeCursor(rs.getLong("change_seq"),
                        rs.getString("alert_key")), read(rs)))
                .list());
    }

    @Override
    public int deleteLastSeenBefore(Instant cutoff) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM alert WHERE last_seen < :cutoff")
                .bind("cutoff", cutoff).execute());
    }

    @Override
    public Optional<StoredAlert> find(String key) {
        return jdbi.withHandle(handle -> select(handle, key, false));
    }

    private static Optional<StoredAlert> select(Handle handle, String key, boolean forUpdate) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM alert WHERE alert_key = :key"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("key", key)
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    @Override
    public List<StoredAlert> list(AlertQuery q) {
        return page(q, 0, q.limit());
    }

    @Override
    public List<StoredAlert> page(AlertQuery q, int offset, int limit) {
        String tail = " ORDER BY last_seen DESC, alert_key LIMIT :limit OFFSET :offset";
        return jdbi.withHandle(handle -> filtered(handle, "SELECT " + COLUMNS + " FROM alert", q, tail)
                .bind("limit", Math.max(1, limit))
                .bind("offset", Math.max(0, offset))
                .map((rs, ctx) -> read(rs)).list());
    }

    @Override
    public long count(AlertQuery q) {
        return jdbi.withHandle(handle -> filtered(handle, "SELECT COUNT(*) FROM alert", q, "").mapTo(Long.class).one());
    }

    @Override
    public Map<Severity, Long> countBySeverity(AlertStatus status) {
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

    @Override
    public Map<AlertStatus, Long> countByStatus() {
        Map<AlertStatus, Long> counts = new EnumMap<>(AlertStatus.class);
        for (AlertStatus s : AlertStatus.values()) {
            counts.put(s, 0L);
        }
        jdbi.useHandle(h -> h.createQuery("SELECT status, COUNT(*) AS n FROM alert GROUP BY status")
                .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .forEach(e -> counts.put(AlertStatus.valueOf(e.getKey()), e.getValue())));
        return counts;
    }

    private static Query filtered(Handle handle, String select, AlertQuery q, String tail) {
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
        Query query = handle.createQuery(sql.append(tail).toString());
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

    @Override
    public boolean setStatus(String key, AlertStatus status, String note, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE alert SET status = :status, status_note = :note, updated_at = :at WHERE alert_key = :key")
                .bind("status", status.name())
                .bind("note", note)
                .bind("at", Sql.truncate(at))
                .bind("key", key)
                .execute() > 0);
    }

    private static StoredAlert read(ResultSet rs) throws SQLException {
        Alert alert = InventoryJson.read(rs.getString("doc"), Alert.class);
        return new StoredAlert(alert, AlertStatus.valueOf(rs.getString("status")), rs.getString("status_note"),
                Sql.instant(rs, "updated_at"));
    }
}
