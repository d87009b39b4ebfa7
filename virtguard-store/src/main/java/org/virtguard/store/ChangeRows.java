package org.virtguard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.virtguard.model.ChangeType;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.ObjectType;

/** The change log table and the run table that groups its rows. */
final class ChangeRows {

    static final String COLUMNS = "id, changed_at, source_id, object_type, object_id, object_name,"
            + " change_type, field_path, old_value, new_value";

    private ChangeRows() {
    }

    /**
     * Records a run and its changes.
     *
     * @return the stored changes, with their ids, in log order
     */
    static Written write(Handle handle, String kind, Instant at, List<String> sources, List<String> failed,
                         ChangeLog log) {
        long runId = handle.createUpdate("INSERT INTO inv_run (kind, run_at, sources, failed_sources, change_count)"
                        + " VALUES (:kind, :at, :sources, :failed, :count)")
                .bind("kind", kind)
                .bind("at", at)
                .bind("sources", String.join(",", sources))
                .bind("failed", String.join(",", failed))
                .bind("count", log.size())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        List<InventoryChange> pending = log.pending();
        for (List<InventoryChange> chunk : ObjectRows.chunks(pending)) {
            try (PreparedBatch batch = handle.prepareBatch("INSERT INTO inv_change (run_id, changed_at, source_id,"
                    + " object_type, object_id, object_name, change_type, field_path, old_value, new_value) VALUES"
                    + " (:run, :at, :source, :objectType, :objectId, :objectName, :type, :field, :old, :new)")) {
                for (InventoryChange c : chunk) {
                    batch.bind("run", runId)
                            .bind("at", c.at())
                            .bind("source", c.sourceId())
                            .bind("objectType", c.objectType().name())
                            .bind("objectId", c.objectId())
                            .bind("objectName", c.objectName())
                            .bind("type", c.type().name())
                            .bind("field", c.field())
                            .bind("old", c.oldValue())
                            .bind("new", c.newValue())
                            .add();
                }
                batch.execute();
            }
        }
        List<InventoryChange> stored = pending.isEmpty() ? List.of()
                : handle.createQuery("SELECT " + COLUMNS + " FROM inv_change WHERE run_id = :run ORDER BY id")
                        .bind("run", runId)
                        .map((rs, ctx) -> map(rs))
                        .list();
        return new Written(runId, stored);
    }

    /** A stored run: its id and its changes. */
    record Written(long runId, List<InventoryChange> changes) {
    }

    static List<InventoryChange> list(Handle handle, Instant sinceInclusive, int limit) {
        String where = sinceInclusive == null ? "" : " WHERE changed_at >= :since";
        var query = handle.createQuery("SELECT " + COLUMNS + " FROM inv_change" + where + " ORDER BY id LIMIT :limit")
                .bind("limit", limit);
        if (sinceInclusive != null) {
            query.bind("since", sinceInclusive);
        }
        return query.map((rs, ctx) -> map(rs)).list();
    }

    static InventoryChange map(ResultSet rs) throws SQLException {
        return new InventoryChange(rs.getLong("id"), Sql.instant(rs, "changed_at"), rs.getString("source_id"),
                ObjectType.valueOf(rs.getString("object_type")), rs.getString("object_id"),
                rs.getString("object_name"), ChangeType.valueOf(rs.getString("change_type")),
                rs.getString("field_path"), rs.getString("old_value"), rs.getString("new_value"));
    }
}
