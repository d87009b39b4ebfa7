package org.virtguard.store.findings;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.virtguard.model.Finding;

/**
 * The {@code finding_zone} rows of one recorded scan: one row per zone of a finding, repeating the finding's open
 * flag, severity, status, area and host so that a zone-filtered page (with any other filter) is read from that
 * table alone. Loads the stored rows once, queues only the changes the scan makes, and writes them on
 * {@link #execute()}, inside the caller's transaction.
 */
final class FindingZoneRows {

    private static final int FETCH_SIZE = 5000;
    private static final String KEY = " WHERE check_id = :check AND resource_id = :resource";

    /** What a finding's zone rows repeat of the finding; equal for all rows of one finding. */
    private record Row(String zone, boolean open, int rank, String status, String area, String host) {
    }

    private final Map<String, Set<Row>> stored;
    private final PreparedBatch deletes;
    private final PreparedBatch inserts;
    private final PreparedBatch updates;
    private final PreparedBatch resolves;

    private FindingZoneRows(Handle handle, Map<String, Set<Row>> stored) {
        this.stored = stored;
        this.deletes = handle.prepareBatch("DELETE FROM finding_zone" + KEY);
        this.inserts = handle.prepareBatch("INSERT INTO finding_zone (check_id, resource_id, zone, is_open, "
                + "severity_rank, status, area, host_id) VALUES (:check, :resource, :zone, TRUE, :rank, :status, "
                + ":area, :host)");
        this.updates = handle.prepareBatch("UPDATE finding_zone SET is_open = TRUE, severity_rank = :rank, "
                + "status = :status, area = :area, host_id = :host" + KEY);
        this.resolves = handle.prepareBatch("UPDATE finding_zone SET is_open = FALSE" + KEY);
    }

    /** Reads every stored zone row, keyed by {@code key(check, resource)}. */
    static FindingZoneRows load(Handle handle) {
        Map<String, Set<Row>> stored = new HashMap<>();
        Map<String, String> shared = new HashMap<>();
        handle.createQuery("SELECT check_id, resource_id, zone, is_open, severity_rank, status, area, host_id "
                        + "FROM finding_zone")
                .setFetchSize(FETCH_SIZE)
                .map((rs, ctx) -> stored.computeIfAbsent(JdbiFindingRepository.key(rs.getString(1), rs.getString(2)),
                        k -> new HashSet<>(2)).add(new Row(intern(shared, rs.getString(3)), rs.getBoolean(4),
                        rs.getInt(5), intern(shared, rs.getString(6)), intern(shared, rs.getString(7)),
                        intern(shared, rs.getString(8)))))
                .list();
        return new FindingZoneRows(handle, stored);
    }

    private static String intern(Map<String, String> shared, String s) {
        return s == null ? null : shared.computeIfAbsent(s, v -> v);
    }

    /**
     * Makes the zone rows of an open finding match its place: rows are replaced when the zones change, updated
     * when only the open flag, severity, status, area or host differ, and left alone otherwise.
     */
    void open(Finding f, FindingPlacement place) {
        String key = JdbiFindingRepository.key(f.checkId(), f.resource().id());
        Set<Row> before = stored.getOrDefault(key, Set.of());
        Set<Row> after = new HashSet<>();
        for (String zone : place.zones()) {
            after.add(new Row(zone, true, f.severity().ordinal(), f.status().name(), place.area(), place.hostId()));
        }
        if (before.equals(after)) {
            return;
        }
        if (!before.isEmpty() && zones(before).equals(place.zones())) {
            bind(updates, f, place).add();
            return;
        }
        if (!before.isEmpty()) {
            deletes.bind("check", f.checkId()).bind("resource", f.resource().id()).add();
        }
        for (String zone : place.zones()) {
            bind(inserts, f, place).bind("zone", zone).add();
        }
    }

    /** Marks the zone rows of a finding the scan resolved as no longer open. */
    void resolve(String check, String resource) {
        if (stored.containsKey(JdbiFindingRepository.key(check, resource))) {
            resolves.bind("check", check).bind("resource", resource).add();
        }
    }

    /** Writes the queued changes. */
    void execute() {
        for (PreparedBatch batch : List.of(deletes, inserts, updates, resolves)) {
            if (batch.size() > 0) {
                batch.execute();
            }
        }
    }

    private static Set<String> zones(Set<Row> rows) {
        Set<String> zones = new HashSet<>();
        rows.forEach(r -> zones.add(r.zone()));
        return zones;
    }

    private static PreparedBatch bind(PreparedBatch batch, Finding f, FindingPlacement place) {
        return batch.bind("check", f.checkId()).bind("resource", f.resource().id())
                .bind("rank", f.severity().ordinal()).bind("status", f.status().name())
                .bind("area", place.area()).bind("host", place.hostId());
    }
}
