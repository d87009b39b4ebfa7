package org.virtguard.store.findings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.virtguard.model.Finding;
import org.virtguard.store.InventoryJson;
import org.virtguard.store.Sql;

/** {@link FindingRepository} on H2 or PostgreSQL. */
public final class JdbiFindingRepository implements FindingRepository {

    private static final String COLUMNS = "first_seen, last_seen, resolved_at, doc";

    private final Jdbi jdbi;

    public JdbiFindingRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public ScanRecord recordScan(Collection<Finding> findings, Collection<String> evaluatedChecks, Instant at) {
        Instant now = Sql.truncate(at);
        return jdbi.inTransaction(handle -> {
            Map<String, Instant> openKeys = new HashMap<>();
            Set<String> resolvedKeys = new HashSet<>();
            handle.createQuery("SELECT check_id, resource_id, resolved_at FROM finding")
                    .map((rs, ctx) -> {
                        String key = rs.getString(1) + "\u0000" + rs.getString(2);
                        Instant resolved = Sql.instant(rs, 3);
                        if (resolved == null) {
                            openKeys.put(key, null);
                        } else {
                            resolvedKeys.add(key);
                        }
                        return key;
                    }).list();
            int created = 0;
            int reopened = 0;
            int ongoing = 0;
            Set<String> seen = new HashSet<>();
            for (Finding f : findings) {
                String key = f.checkId() + "\u0000" + f.resource().id();
                if (!seen.add(key)) {
                    continue;
                }
                if (openKeys.containsKey(key)) {
                    update(handle, f, now, false);
                    ongoing++;
                } else if (resolvedKeys.contains(key)) {
                    update(handle, f, now, true);
                    reopened++;
                } else {
                    insert(handle, f, now);
                    created++;
                }
            }
            int resolved = 0;
            Set<String> scope = Set.copyOf(evaluatedChecks);
            for (String key : openKeys.keySet()) {
                if (seen.contains(key)) {
                    continue;
                }
                String[] parts = key.split("\u0000", 2);
                if (!scope.contains(parts[0])) {
                    continue;
                }
                resolved += handle.createUpdate("UPDATE finding SET resolved_at = :now "
                                + "WHERE check_id = :check AND resource_id = :resource AND resolved_at IS NULL")
                        .bind("now", now).bind("check", parts[0]).bind("resource", parts[1]).execute();
            }
            return new ScanRecord(created, reopened, ongoing, resolved);
        });
    }

    private static void insert(Handle handle, Finding f, Instant now) {
        handle.createUpdate("""
                INSERT INTO finding (check_id, resource_id, resource_type, resource_name, status, severity,
                    severity_rank, first_seen, last_seen, resolved_at, doc)
                VALUES (:check, :resource, :type, :name, :status, :severity, :rank, :now, :now, NULL, :doc)""")
                .bindMap(columns(f)).bind("now", now).execute();
    }

    private static void update(Handle handle, Finding f, Instant now, boolean reopen) {
        handle.createUpdate("UPDATE finding SET resource_type = :type, resource_name = :name, status = :status, "
                        + "severity = :severity, severity_rank = :rank, last_seen = :now, resolved_at = NULL, doc = :doc"
                        + (reopen ? ", first_seen = :now" : "")
                        + " WHERE check_id = :check AND resource_id = :resource")
                .bindMap(columns(f)).bind("now", now).execute();
    }

    private static Map<String, Object> columns(Finding f) {
        Map<String, Object> m = new HashMap<>();
        m.put("check", f.checkId());
        m.put("resource", f.resource().id());
        m.put("type", f.resource().type().name());
        m.put("name", f.resource().name());
        m.put("status", f.status().name());
        m.put("severity", f.severity().name());
        m.put("rank", f.severity().ordinal());
        m.put("doc", InventoryJson.write(f));
        return m;
    }

    @Override
    public List<StoredFinding> open() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM finding WHERE resolved_at IS NULL "
                        + "ORDER BY severity_rank DESC, check_id, resource_id")
                .map((rs, ctx) -> read(rs)).list());
    }

    @Override
    public List<StoredFinding> history(String resourceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM finding WHERE resource_id = :id "
                        + "ORDER BY last_seen DESC, check_id")
                .bind("id", resourceId)
                .map((rs, ctx) -> read(rs)).list());
    }

    private static StoredFinding read(ResultSet rs) throws SQLException {
        return new StoredFinding(InventoryJson.read(rs.getString("doc"), Finding.class), Sql.instant(rs, "first_seen"),
                Sql.instant(rs, "last_seen"), Sql.instant(rs, "resolved_at"));
    }

    @Override
    public void putException(StoredException e) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM policy_exception WHERE check_pattern = :c AND resource_pattern = :r")
                    .bind("c", e.checkPattern()).bind("r", e.resourcePattern()).execute();
            h.createUpdate("""
                    INSERT INTO policy_exception (check_pattern, resource_pattern, justification, owner, expires,
                        created_at) VALUES (:c, :r, :j, :o, :e, :t)""")
                    .bind("c", e.checkPattern()).bind("r", e.resourcePattern()).bind("j", e.justification())
                    .bind("o", e.owner()).bind("e", e.expires()).bind("t", Sql.truncate(e.createdAt())).execute();
        });
    }

    @Override
    public List<StoredException> activeExceptions(LocalDate day) {
        return jdbi.withHandle(h -> h.createQuery("SELECT check_pattern, resource_pattern, justification, owner, "
                        + "expires, created_at FROM policy_exception WHERE expires >= :day ORDER BY check_pattern, "
                        + "resource_pattern")
                .bind("day", day)
                .map((rs, ctx) -> new StoredException(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, LocalDate.class), Sql.instant(rs, 6)))
                .list());
    }

    @Override
    public int purgeExpired(LocalDate day) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM policy_exception WHERE expires < :day")
                .bind("day", day).execute());
    }
}
