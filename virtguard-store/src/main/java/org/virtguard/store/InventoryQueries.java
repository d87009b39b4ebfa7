package org.virtguard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;

/** Reads the current (not removed) objects of one table with their source's stale mark. */
final class InventoryQueries {

    /** Builds the public wrapper from a record and its row's history columns. */
    @FunctionalInterface
    interface Wrapper<T, W> {
        W wrap(T record, Instant firstSeen, Instant lastSeen, String sourceId, boolean stale);
    }

    private InventoryQueries() {
    }

    static <T, W> List<W> current(Handle handle, ObjectTable<T> table, Wrapper<T, W> wrapper, String orderBy) {
        return select(handle, table, wrapper, "", Map.of(), orderBy);
    }

    static <T, W> List<W> select(Handle handle, ObjectTable<T> table, Wrapper<T, W> wrapper, String condition,
                                 Map<String, Object> params, String orderBy) {
        var query = handle.createQuery("SELECT d.doc, o.first_seen, "
                + LastSeen.ofPresent("o", "s") + " AS last_seen, o.source_id, s.stale FROM "
                + table.table() + " o JOIN " + table.docTable() + " d ON d.id = o.id"
                + " JOIN inv_source s ON s.id = o.source_id WHERE o.removed_at IS NULL"
                + condition + " ORDER BY " + orderBy);
        params.forEach((name, value) -> query.bind(name, (String) value));
        return query.map((rs, ctx) -> map(rs, table, wrapper)).list();
    }

    private static <T, W> W map(ResultSet rs, ObjectTable<T> table, Wrapper<T, W> wrapper) throws SQLException {
        return wrapper.wrap(InventoryJson.read(rs.getString("doc"), table.recordType()),
                Sql.instant(rs, "first_seen"), Sql.instant(rs, "last_seen"), rs.getString("source_id"),
                rs.getBoolean("stale"));
    }
}
