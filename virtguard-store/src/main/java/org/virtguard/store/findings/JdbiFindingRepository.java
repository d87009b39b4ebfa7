package org.virtguard.store.findings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.NotCollectedGroup;
import org.virtguard.model.NotCollectedGroups;
import org.virtguard.model.Severity;
import org.virtguard.store.InventoryJson;
import org.virtguard.store.Sql;

/** {@link FindingRepository} on H2 or PostgreSQL. */
public final class JdbiFindingRepository implements FindingRepository {

    private static final String COLUMNS = "first_seen, last_seen, resolved_at, doc";
    private static final int FETCH_SIZE = 5000;
    private static final Duration TREND_KEPT = Duration.ofDays(90);
    private static final String INSERT = """
            INSERT INTO finding (check_id, resource_id, resource_type, resource_name, status, severity,
                severity_rank, first_seen, last_seen, resolved_at, doc, area, host_id, is_open)
            VALUES (:check, :resource, :type, :name, :status, :severity, :rank, :now, :now, NULL, :doc, :area,
                :host, TRUE)""";
    private static final String SET_LATEST = "UPDATE finding SET resource_type = :type, resource_name = :name, "
            + "status = :status, severity = :severity, severity_rank = :rank, last_seen = :now, resolved_at = NULL, "
            + "doc = :doc, area = :area, host_id = :host, is_open = TRUE";
    private static final String WHERE_KEY = " WHERE check_id = :check AND resource_id = :resource";
    private static final String UPDATE = SET_LATEST + WHERE_KEY;
    private static final String REOPEN = SET_LATEST + ", first_seen = :now" + WHERE_KEY;

    private final Jdbi jdbi;
    private final VersionedCache aggregates = new VersionedCache();

    public JdbiFindingRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public ScanRecord recordScan(Collection<Finding> findings, Collection<String> evaluatedChecks, Instant at,
                                 Function<Finding, FindingPlacement> placement) {
        Instant now = Sql.truncate(at);
        ScanRecord record = jdbi.inTransaction(handle -> {
            Set<String> openKeys = new HashSet<>();
            Set<String> resolvedKeys = new HashSet<>();
            handle.createQuery("SELECT check_id, resource_id, is_open FROM finding")
                    .setFetchSize(FETCH_SIZE)
                    .map((rs, ctx) -> (rs.getBoolean(3) ? openKeys : resolvedKeys)
                            .add(key(rs.getString(1), rs.getString(2))))
                    .list();
            FindingZoneRows zoneRows = FindingZoneRows.load(handle);
            PreparedBatch inserts = handle.prepareBatch(INSERT);
            PreparedBatch updates = handle.prepareBatch(UPDATE);
            PreparedBatch reopens = handle.prepareBatch(REOPEN);
            List<Finding> opened = new ArrayList<>();
            int ongoing = 0;
            int reopened = 0;
            Set<String> seen = new HashSet<>();
            for (Finding f : findings) {
                String key = key(f.checkId(), f.resource().id());
                if (!seen.add(key)) {
                    continue;
                }
                FindingPlacement place = Objects.requireNonNullElse(placement.apply(f), FindingPlacement.UNKNOWN);
                Map<String, Object> columns = columns(f, place);
                if (openKeys.contains(key)) {
                    updates.bindMap(columns).bind("now", now).add();
                    ongoing++;
                } else if (resolvedKeys.contains(key)) {
                    reopens.bindMap(columns).bind("now", now).add();
                    opened.add(f);
                    reopened++;
                } else {
                    inserts.bindMap(columns).bind("now", now).add();
                    opened.add(f);
                }
                zoneRows.open(f, place);
            }
            PreparedBatch resolves = handle.prepareBatch("UPDATE finding SET resolved_at = :now, is_open = FALSE "
                    + "WHERE check_id = :check AND resource_id = :resource AND is_open = TRUE");
            Set<String> scope = Set.copyOf(evaluatedChecks);
            int resolved = 0;
            for (String key : openKeys) {
                String[] parts = key.split("\u0000", 2);
                if (!seen.contains(key) && scope.contains(parts[0])) {
                    resolves.bind("now", now).bind("check", parts[0]).bind("resource", parts[1]).add();
                    zoneRows.resolve(parts[0], parts[1]);
                    resolved++;
                }
            }
            for (PreparedBatch batch : List.of(inserts, updates, reopens, resolves)) {
                if (batch.size() > 0) {
                    batch.execute();
                }
            }
            zoneRows.execute();
            List<Finding> closed = resolved == 0 ? List.of() : handle.createQuery(
                            "SELECT doc FROM finding WHERE resolved_at = :now AND is_open = FALSE "
                                    + "ORDER BY severity_rank DESC, check_id, resource_id")
                    .bind("now", now)
                    .map((rs, ctx) -> InventoryJson.read(rs.getString(1), Finding.class)).list();
            recordTrend(handle, now);
            FindingChangeLog.append(handle, now, opened, closed);
            return new ScanRecord(opened.size() - reopened, reopened, ongoing, resolved, opened, closed);
        });
        aggregates.invalidate();
        return record;
    }

    /** Drops the cached counts and trend, after rows were deleted behind this repository's back (retention). */
    public void forgetCachedCounts() {
        aggregates.invalidate();
    }

    /** A finding's key in the in-memory sets of one recorded scan. */
    static String key(String check, String resource) {
        return check + "\u0000" + resource;
    }

    private static void recordTrend(Handle handle, Instant now) {
        Map<Severity, Long> failing = failingBySeverity(handle);
        handle.createUpdate("DELETE FROM finding_trend WHERE evaluated_at = :now OR evaluated_at < :oldest")
                .bind("now", now).bind("oldest", now.minus(TREND_KEPT)).execute();
        PreparedBatch batch = handle.prepareBatch(
                "INSERT INTO finding_trend (evaluated_at, severity, failing) VALUES (:at, :severity, :failing)");
        for (Severity s : Severity.values()) {
            batch.bind("at", now).bind("severity", s.name()).bind("failing", failing.getOrDefault(s, 0L)).add();
        }
        batch.execute();
    }

    private static Map<Severity, Long> failingBySeverity(Handle handle) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        handle.createQuery("SELECT severity, COUNT(*) FROM finding WHERE is_open = TRUE AND status = 'FAIL' "
                        + "GROUP BY severity")
                .map((rs, ctx) -> counts.put(Severity.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    private static Map<String, Object> columns(Finding f, FindingPlacement place) {
        Map<String, Object> m = new HashMap<>();
        m.put("check", f.checkId());
        m.put("resource", f.resource().id());
        m.put("type", f.resource().type().name());
        m.put("name", f.resource().name());
        m.put("status", f.status().name());
        m.put("severity", f.severity().name());
        m.put("rank", f.severity().ordinal());
        m.put("doc", InventoryJson.write(f));
        m.put("area", place.area());
        m.put("host", place.hostId());
        return m;
    }

    @Override
    public List<FindingChange> changesAfter(long afterSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
        return jdbi.withHandle(h -> FindingChangeLog.after(h, afterSeq, limit));
    }

    @Override
    public long lastChangeSeq() {
        return jdbi.withHandle(FindingChangeLog::lastSeq);
    }

    @Override
    public List<StoredFinding> open() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM finding WHERE is_open = TRUE "
                        + "ORDER BY severity_rank DESC, check_id, resource_id")
                .map((rs, ctx) -> read(rs)).list());
    }

    @Override
    public FindingPage page(FindingQuery query, int offset, int limit) {
        return select(query, offset, limit, COLUMNS, (rs, ctx) -> read(rs), FindingPage::new);
    }

    @Override
    public FindingJsonPage pageJson(FindingQuery query, int offset, int limit) {
        return select(query, offset, limit, "doc", (rs, ctx) -> rs.getString(1), FindingJsonPage::new);
    }

    private <T, P> P select(FindingQuery query, int offset, int limit, String columns, RowMapper<T> mapper,
                            BiFunction<List<T>, Long, P> page) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        FindingSql where = FindingSql.where(query);
        long total = aggregates.get(query, () -> jdbi.withHandle(h -> where.bind(
                h.createQuery("SELECT COUNT(*) FROM " + where.from() + where.sql())).mapTo(Long.class).one()));
        if (total <= offset) {
            return page.apply(List.of(), total);
        }
        // Keys of the page first (an index-only walk of the filter's index), then the page's rows by key.
        List<T> items = jdbi.withHandle(h -> where.bind(h.createQuery("SELECT " + columns + " FROM finding g JOIN ("
                        + where.keys() + " LIMIT :limit OFFSET :offset) k"
                        + " ON g.check_id = k.check_id AND g.resource_id = k.resource_id"
                        + " ORDER BY k.severity_rank DESC, k.check_id, k.resource_id"))
                .bind("limit", limit).bind("offset", offset)
                .map(mapper).list());
        return page.apply(items, total);
    }

    @Override
    public Map<Severity, Long> failingBySeverity() {
        return aggregates.get("failingBySeverity",
                () -> Collections.unmodifiableMap(jdbi.withHandle(JdbiFindingRepository::failingBySeverity)));
    }

    @Override
    public Map<CheckStatus, Long> openByStatus() {
        return aggregates.get("openByStatus", () -> jdbi.withHandle(h -> {
            Map<CheckStatus, Long> counts = new EnumMap<>(CheckStatus.class);
            h.createQuery("SELECT status, COUNT(*) FROM finding WHERE is_open = TRUE GROUP BY status")
                    .map((rs, ctx) -> counts.put(CheckStatus.valueOf(rs.getString(1)), rs.getLong(2))).list();
            return Collections.unmodifiableMap(counts);
        }));
    }

    @Override
    public List<NotCollectedGroup> notCollectedGroups(int limit) {
        return aggregates.get("notCollectedGroups:" + limit, () -> List.copyOf(NotCollectedGroups.of(
                page(new FindingQuery(null, null, null, null, null, "NOT_COLLECTED"), 0,
                        NotCollectedGroups.MAX_FINDINGS).items().stream().map(StoredFinding::finding).toList(), limit)));
    }

    @Override
    public Map<String, Map<Severity, Long>> failingByArea() {
        return aggregates.get("failingByArea", () -> jdbi.withHandle(h -> {
            Map<String, Map<Severity, Long>> byArea = new TreeMap<>();
            h.createQuery("SELECT area, severity, COUNT(*) FROM finding WHERE is_open = TRUE AND status = 'FAIL' "
                            + "GROUP BY area, severity")
                    .map((rs, ctx) -> byArea.computeIfAbsent(rs.getString(1), a -> new EnumMap<>(Severity.class))
                            .put(Severity.valueOf(rs.getString(2)), rs.getLong(3)))
                    .list();
            return Collections.unmodifiableMap(byArea);
        }));
    }

    @Override
    public List<TrendPoint> trend(int evaluations) {
        if (evaluations < 1) {
            return List.of();
        }
        int perPoint = Severity.values().length;
        return aggregates.get("trend:" + evaluations, () -> jdbi.withHandle(h -> {
            Map<Instant, Map<Severity, Long>> points = new TreeMap<>();
            h.createQuery("SELECT evaluated_at, severity, failing FROM finding_trend "
                            + "ORDER BY evaluated_at DESC, severity LIMIT :rows")
                    .bind("rows", evaluations * perPoint)
                    .map((rs, ctx) -> points.computeIfAbsent(Sql.instant(rs, 1), t -> new EnumMap<>(Severity.class))
                            .put(Severity.valueOf(rs.getString(2)), rs.getLong(3)))
                    .list();
            return points.entrySet().stream().map(e -> new TrendPoint(e.getKey(), e.getValue())).toList();
        }));
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
