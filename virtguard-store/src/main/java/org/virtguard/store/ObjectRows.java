package org.virtguard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Set-based reads and batched writes of one object table inside a transaction. */
final class ObjectRows<T> {

    static final int CHUNK = 1000;

    private final Handle handle;
    private final ObjectTable<T> table;

    ObjectRows(Handle handle, ObjectTable<T> table) {
        this.handle = handle;
        this.table = table;
    }

    ObjectTable<T> table() {
        return table;
    }

    /** The present (not removed) rows of the given sources. */
    Map<String, PriorRow> bySources(Collection<String> sourceIds) {
        return priorWhere("source_id", sourceIds, true);
    }

    /** The rows with the given ids, removed ones included, whatever their source. */
    Map<String, PriorRow> byIds(Collection<String> ids) {
        return priorWhere("id", ids, false);
    }

    /** The present rows owned by the given objects (the vNICs of VMs). */
    Map<String, PriorRow> byOwners(Collection<String> ownerIds) {
        return priorWhere(table.ownerColumn(), ownerIds, true);
    }

    /** The stored documents of the given ids. */
    Map<String, String> docs(Collection<String> ids) {
        Map<String, String> docs = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            handle.createQuery("SELECT id, doc FROM " + table.docTable() + " WHERE id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("doc")))
                    .forEach(e -> docs.put(e.getKey(), e.getValue()));
        }
        return docs;
    }

    void insert(List<Incoming<T>> rows, Instant at) {
        writeRows(table.insertSql(), rows, at, true);
        writeDocs(table.docInsertSql(), rows);
    }

    /** Rewrites rows in place, clearing any removal mark; first-seen stays. */
    void update(List<Incoming<T>> rows, Instant at) {
        writeRows(table.updateSql(), rows, at, false);
        writeDocs(table.docUpdateSql(), rows);
    }

    /** Marks rows removed, keeping the last-seen time they had while present (see {@link LastSeen}). */
    void markRemoved(Collection<String> ids, Instant at) {
        for (List<String> chunk : chunks(ids)) {
            handle.createUpdate("UPDATE " + table.table() + " SET " + removal() + " WHERE id IN (<ids>)")
                    .bind("at", at)
                    .bindList("ids", chunk)
                    .execute();
        }
    }

    void markRemovedByOwners(Collection<String> ownerIds, Instant at) {
        for (List<String> chunk : chunks(ownerIds)) {
            handle.createUpdate("UPDATE " + table.table() + " SET " + removal() + " WHERE removed_at IS NULL AND "
                            + table.ownerColumn() + " IN (<ids>)")
                    .bind("at", at)
                    .bindList("ids", chunk)
                    .execute();
        }
    }

    int touchIds(Collection<String> ids, Instant at) {
        return touchWhere("id", ids, at);
    }

    int touchOwners(Collection<String> ownerIds, Instant at) {
        return touchWhere(table.ownerColumn(), ownerIds, at);
    }

    private String removal() {
        return "last_seen = " + LastSeen.onRemoval(table.table()) + ", removed_at = :at";
    }

    private int touchWhere(String column, Collection<String> values, Instant at) {
        int touched = 0;
        for (List<String> chunk : chunks(values)) {
            touched += handle.createUpdate("UPDATE " + table.table() + " SET last_seen = :at"
                            + " WHERE removed_at IS NULL AND last_seen < :at AND " + column + " IN (<values>)")
                    .bind("at", at)
                    .bindList("values", chunk)
                    .execute();
        }
        return touched;
    }

    private Map<String, PriorRow> priorWhere(String column, Collection<String> values, boolean presentOnly) {
        Map<String, PriorRow> rows = new LinkedHashMap<>();
        String owner = table.ownerColumn() == null ? "NULL" : table.ownerColumn();
        String present = presentOnly ? " AND removed_at IS NULL" : "";
        for (List<String> chunk : chunks(values)) {
            handle.createQuery("SELECT id, source_id, name, content_hash, removed_at, " + owner + " AS owner_id FROM "
                            + table.table() + " WHERE " + column + " IN (<values>)" + present)
                    .bindList("values", chunk)
                    .map((rs, ctx) -> new PriorRow(rs.getString("id"), rs.getString("source_id"),
                            rs.getString("name"), rs.getString("content_hash"),
                            rs.getObject("removed_at") != null, rs.getString("owner_id")))
                    .forEach(row -> rows.put(row.id(), row));
        }
        return rows;
    }

    private void writeDocs(String sql, List<Incoming<T>> rows) {
        for (List<Incoming<T>> chunk : chunks(rows)) {
            try (PreparedBatch batch = handle.prepareBatch(sql)) {
                for (Incoming<T> row : chunk) {
                    batch.bind("id", row.id()).bind("doc", row.doc()).add();
                }
                batch.execute();
            }
        }
    }

    private void writeRows(String sql, List<Incoming<T>> rows, Instant at, boolean insert) {
        for (List<Incoming<T>> chunk : chunks(rows)) {
            try (PreparedBatch batch = handle.prepareBatch(sql)) {
                for (Incoming<T> row : chunk) {
                    batch.bind("id", row.id())
                            .bind("source_id", row.sourceId())
                            .bind("name", row.name())
                            .bind("content_hash", row.hash())
                            .bind("last_seen", at);
                    if (insert) {
                        batch.bind("first_seen", at);
                    }
                    for (ObjectTable.Column<T> column : table.columns()) {
                        Object value = column.value().apply(row.record());
                        if (value instanceof Boolean flag) {
                            batch.bind(column.name(), flag);
                        } else {
                            batch.bind(column.name(), (String) value);
                        }
                    }
                    batch.add();
                }
                batch.execute();
            }
        }
    }

    static <V> List<List<V>> chunks(Collection<V> values) {
        List<V> all = new ArrayList<>(values);
        List<List<V>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}
