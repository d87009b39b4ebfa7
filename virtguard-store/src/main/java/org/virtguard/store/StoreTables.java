package org.virtguard.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The tables of the store's schema (without Flyway's history) in an order that satisfies foreign keys. */
final class StoreTables {

    private StoreTables() {
    }

    /** Every data table, each after the tables its foreign keys reference. */
    static List<String> inDependencyOrder(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = connection.getCatalog();
        String schema = connection.getSchema();
        Set<String> tables = new TreeSet<>();
        try (ResultSet rs = meta.getTables(catalog, schema, "%", null)) {
            while (rs.next()) {
                String type = rs.getString("TABLE_TYPE");
                String name = rs.getString("TABLE_NAME");
                if (type != null && type.toUpperCase(Locale.ROOT).endsWith("TABLE")
                        && !type.toUpperCase(Locale.ROOT).contains("SYSTEM")
                        && !type.toUpperCase(Locale.ROOT).contains("TEMPORARY")
                        && !name.equalsIgnoreCase(Migrations.HISTORY_TABLE)) {
                    tables.add(name);
                }
            }
        }
        Map<String, Set<String>> references = new TreeMap<>();
        for (String table : tables) {
            Set<String> referenced = new TreeSet<>();
            try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
                while (rs.next()) {
                    String target = rs.getString("PKTABLE_NAME");
                    if (!target.equals(table) && tables.contains(target)) {
                        referenced.add(target);
                    }
                }
            }
            references.put(table, referenced);
        }
        Set<String> ordered = new LinkedHashSet<>();
        Map<String, Boolean> visiting = new LinkedHashMap<>();
        for (String table : tables) {
            visit(table, references, ordered, visiting);
        }
        return new ArrayList<>(ordered);
    }

    private static void visit(String table, Map<String, Set<String>> references, Set<String> ordered,
                              Map<String, Boolean> visiting) {
        if (ordered.contains(table)) {
            return;
        }
        if (visiting.put(table, Boolean.TRUE) != null) {
            throw new IllegalStateException("foreign keys form a cycle through table " + table);
        }
        for (String referenced : references.get(table)) {
            visit(referenced, references, ordered, visiting);
        }
        visiting.remove(table);
        ordered.add(table);
    }

    /** The auto-increment (identity) columns of {@code table}. */
    static List<String> identityColumns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getColumns(connection.getCatalog(), connection.getSchema(),
                table, "%")) {
            while (rs.next()) {
                if (table.equals(rs.getString("TABLE_NAME"))
                        && "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return columns;
    }

    /** {@code name} as a quoted SQL identifier. */
    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
