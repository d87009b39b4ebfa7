package org.virtguard.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.virtguard.model.ObjectType;

/**
 * How one kind of inventory object is stored: its table (narrow rows with history and query columns),
 * its document table (the record as canonical JSON), and which fields its change detection skips.
 *
 * @param table         table name; the documents are in {@code <table>_doc}
 * @param type          object type in the change log
 * @param recordType    the model record class stored in {@code doc}
 * @param ownerColumn   column naming the owning object, or {@code null}
 * @param ignoredFields record fields that never produce a {@code SETTING_CHANGED}
 * @param keyedFields   map-valued fields whose entries change independently, one change per key
 * @param columns       query columns
 */
record ObjectTable<T>(String table, ObjectType type, Class<T> recordType, String ownerColumn,
                      Set<String> ignoredFields, Set<String> keyedFields, List<Column<T>> columns) {

    /** A query column and how its value is taken from the record. Values are strings or booleans. */
    record Column<T>(String name, Function<T, Object> value) {
    }

    String docTable() {
        return table + "_doc";
    }

    String insertSql() {
        List<String> names = new ArrayList<>(List.of("id", "source_id", "name", "content_hash", "first_seen",
                "last_seen"));
        columns.forEach(c -> names.add(c.name()));
        return "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", names.stream().map(n -> ":" + n).toList()) + ")";
    }

    String updateSql() {
        List<String> sets = new ArrayList<>(List.of("source_id = :source_id", "name = :name",
                "content_hash = :content_hash", "last_seen = :last_seen", "removed_at = NULL"));
        columns.forEach(c -> sets.add(c.name() + " = :" + c.name()));
        return "UPDATE " + table + " SET " + String.join(", ", sets) + " WHERE id = :id";
    }

    String docInsertSql() {
        return "INSERT INTO " + docTable() + " (id, doc) VALUES (:id, :doc)";
    }

    String docUpdateSql() {
        return "UPDATE " + docTable() + " SET doc = :doc WHERE id = :id";
    }
}
