package org.virtguard.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import org.virtguard.model.ErrorCode;

/**
 * Backup and restore of a store as data, not as SQL: a gzip file of JSON lines (a header naming the schema
 * version, then per table its columns and rows, then a trailer with the counts). A backup is one read-only,
 * repeatable-read transaction, so it is a consistent snapshot taken while the store is in use. Restore creates the
 * backup's schema with this binary's own migrations in an empty store and inserts the rows with bound parameters:
 * nothing in the file is ever run as SQL. Works on H2 and PostgreSQL alike (and from one to the other).
 */
public final class StoreBackup {

    static final String FORMAT = "virtguard-backup";
    static final int FORMAT_VERSION = 1;
    private static final int MAX_LINE_CHARS = 64 * 1024 * 1024;
    private static final int MAX_NAME = 128;
    private static final int MAX_COLUMNS = 512;
    private static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreBackup() {
    }

    /**
     * What a backup holds.
     *
     * @param schema the schema version of the store backed up
     * @param tables how many tables
     * @param rows   how many rows in all
     */
    public record Summary(String schema, int tables, long rows) {
    }

    /**
     * Writes a consistent snapshot of {@code store} to {@code file}, which must not exist yet. The file is readable
     * by this user only (it holds password hashes and the audit log) and appears only when complete.
     *
     * @throws StoreException {@link ErrorCode#INVALID_INPUT} when the file exists or cannot be written,
     *                        {@link ErrorCode#STORE_UNAVAILABLE} when the store cannot be read
     */
    public static Summary backup(Store store, Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new StoreException(ErrorCode.INVALID_INPUT, target + " already exists: choose a new file name");
        }
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            createPrivate(partial);
            Summary summary;
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                summary = backup(store, out);
            }
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } catch (FileAlreadyExistsException e) {
            throw new StoreException(ErrorCode.INVALID_INPUT, target + " already exists: choose a new file name");
        } catch (IOException e) {
            throw new StoreException(ErrorCode.INVALID_INPUT, "cannot write the backup " + target + ": "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Writes a consistent snapshot of {@code store} to {@code out} (gzip), leaving {@code out} open. */
    public static Summary backup(Store store, OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(nonClosing(out), 64 * 1024);
        Writer writer = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 64 * 1024);
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                Summary summary = write(connection, Migrations.version(store.dataSource()).applied(), writer);
                writer.flush();
                gzip.finish();
                connection.commit();
                return summary;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(StoreFailures.unreachable(e) ? ErrorCode.STORE_UNAVAILABLE : ErrorCode.INTERNAL,
                    "cannot read the store for a backup: " + Errors.oneLine(Errors.rootMessage(e), null), e);
        }
    }

    private static Summary write(Connection connection, String schema, Writer writer)
            throws SQLException, IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("format", FORMAT);
        header.put("formatVersion", FORMAT_VERSION);
        header.put("schema", schema);
        header.put("createdAt", Instant.now().toString());
        header.put("database", connection.getMetaData().getDatabaseProductName());
        line(writer, header);
        List<String> tables = StoreTables.inDependencyOrder(connection);
        long rows = 0;
        for (String table : tables) {
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(BATCH);
                try (ResultSet rs = statement.executeQuery("SELECT * FROM " + StoreTables.quote(table))) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<ColumnType> types = new ArrayList<>();
                    ObjectNode tableHeader = JSON.createObjectNode();
                    tableHeader.put("table", table);
                    ArrayNode columns = tableHeader.putArray("columns");
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        ColumnType type = ColumnType.of(meta, i, table);
                        types.add(type);
                        columns.addObject().put("name", meta.getColumnName(i)).put("type", type.name());
                    }
                    line(writer, tableHeader);
                    while (rs.next()) {
                        ArrayNode row = JSON.createArrayNode();
                        for (int i = 0; i < types.size(); i++) {
                            row.add(types.get(i).read(rs, i + 1));
                        }
                        line(writer, row);
                        rows++;
                    }
                }
            }
        }
        ObjectNode trailer = JSON.createObjectNode();
        trailer.put("end", true);
        trailer.put("tables", tables.size());
        trailer.put("rows", rows);
        line(writer, trailer);
        return new Summary(schema, tables.size(), rows);
    }

    /**
     * Restores {@code file} into the store at {@code target}, which must be empty. For the embedded store,
     * {@code force} allows a data directory that already holds a store: the old database file is kept next to it
     * as {@code virtguard.mv.db.before-restore-<time>}. The restored store has the backup's schema version (an
     * older one then needs {@code virtguard db migrate}); a backup newer than this binary knows is refused.
     *
     * @throws StoreException {@link ErrorCode#INVALID_INPUT} for a file that is not a complete VirtGuard backup or
     *                        a target that is not empty, {@link ErrorCode#SCHEMA_MISMATCH} for a backup newer than
     *                        this binary, {@link ErrorCode#STORE_UNAVAILABLE} when the target cannot be reached
     */
    public static Summary restore(StoreConfig target, Path file, boolean force) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException(ErrorCode.INVALID_INPUT, "no backup file " + file);
        }
        java.util.Optional<Path> embedded = PrivateFiles.embeddedDirectory(target);
        if (embedded.isEmpty()) {
            if (force) {
                throw new StoreException(ErrorCode.INVALID_INPUT, "--force applies to the embedded store only: "
                        + "restore into an empty PostgreSQL schema (drop and recreate it first)");
            }
            return load(target, file);
        }
        Path dir = embedded.get();
        boolean replacing = StoreFiles.exists(dir);
        if (replacing && !force) {
            throw new StoreException(ErrorCode.INVALID_INPUT, dir + " already holds a store: restore refuses to "
                    + "replace it without --force (the old database file is then kept next to it)");
        }
        if (replacing) {
            requireNotInUse(target, dir);
        }
        String temporary = "restore-" + UUID.randomUUID().toString().substring(0, 8);
        StoreConfig staging = StoreConfig.embedded(dir, temporary);
        try {
            Summary summary = load(staging, file);
            if (replacing) {
                Files.move(StoreFiles.database(dir), dir.resolve(StoreConfig.EMBEDDED_DB_NAME + StoreFiles.SUFFIX
                        + ".before-restore-" + Instant.now().toString().replace(":", "")));
            }
            Files.move(dir.resolve(temporary + StoreFiles.SUFFIX), StoreFiles.database(dir));
            PrivateFiles.filesIn(dir);
            return summary;
        } catch (IOException e) {
            throw new StoreException(ErrorCode.INVALID_INPUT, "cannot put the restored store in place in " + dir
                    + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir.resolve(temporary + StoreFiles.SUFFIX));
            deleteQuietly(dir.resolve(temporary + ".trace.db"));
        }
    }

    private static void requireNotInUse(StoreConfig target, Path dir) {
        try (HikariDataSource probe = Pools.open(target)) {
            probe.getConnection().close();
        } catch (SQLException | RuntimeException e) {
            throw new StoreException(ErrorCode.STORE_UNAVAILABLE, "cannot open the store in " + dir
                    + " to replace it (is virtguard serve still running on it?): "
                    + Errors.oneLine(Errors.rootMessage(e), null), e);
        }
    }

    private static Summary load(StoreConfig target, Path file) {
        try {
            if (PrivateFiles.embeddedDirectory(target).isPresent()) {
                PrivateFiles.directory(PrivateFiles.embeddedDirectory(target).get());
            }
        } catch (IOException e) {
            throw new StoreException(ErrorCode.STORE_UNAVAILABLE, "cannot create the store directory: "
                    + e.getMessage(), e);
        }
        HikariDataSource dataSource;
        try {
            dataSource = Pools.open(target);
        } catch (RuntimeException e) {
            throw new StoreException(ErrorCode.STORE_UNAVAILABLE, "cannot open store at " + target.redactedUrl()
                    + ": " + Errors.oneLine(Errors.rootMessage(e), target.password()), e);
        }
        try (dataSource; InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024)) {
            BackupReader reader = new BackupReader(file, in, MAX_LINE_CHARS);
            return load(dataSource, target, reader);
        } catch (IOException e) {
            throw new StoreException(ErrorCode.INVALID_INPUT, file + " is not a VirtGuard backup (gzip of JSON "
                    + "lines): " + e.getMessage(), e);
        }
    }

    private static Summary load(HikariDataSource dataSource, StoreConfig target, BackupReader reader)
            throws IOException {
        JsonNode header = reader.object();
        if (!FORMAT.equals(header.path("format").asText()) || header.path("formatVersion").asInt() != FORMAT_VERSION
                || !header.path("schema").isTextual() || !header.path("schema").asText().matches("\\d{1,9}(\\.\\d{1,9})*")) {
            throw reader.invalid("not a VirtGuard backup header (format " + FORMAT + " version " + FORMAT_VERSION
                    + ")");
        }
        String schema = header.path("schema").asText();
        SchemaVersion found = Migrations.version(dataSource);
        if (!found.empty()) {
            throw new StoreException(ErrorCode.INVALID_INPUT, "the store at " + target.redactedUrl()
                    + " is not empty (schema version " + found.applied() + "): restore needs an empty store");
        }
        if (SchemaVersion.compare(schema, found.known()) > 0) {
            throw new StoreException(ErrorCode.SCHEMA_MISMATCH, "the backup's schema is version " + schema
                    + ", this virtguard knows up to " + found.known() + ": restore it with a newer virtguard");
        }
        try {
            Migrations.migrateTo(dataSource, schema);
        } catch (RuntimeException e) {
            throw new StoreException(ErrorCode.STORE_UNAVAILABLE, "cannot create schema version " + schema
                    + " at " + target.redactedUrl() + ": " + Errors.oneLine(Errors.rootMessage(e), target.password()),
                    e);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Summary summary = insertAll(connection, reader, schema);
                connection.commit();
                return summary;
            } catch (SQLException | RuntimeException | IOException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (StoreFailures.unreachable(e)) {
                throw new StoreException(ErrorCode.STORE_UNAVAILABLE, "the store at " + target.redactedUrl()
                        + " went away during the restore: " + Errors.oneLine(Errors.rootMessage(e), target.password()),
                        e);
            }
            throw reader.invalid("the database refused it: " + Errors.oneLine(Errors.rootMessage(e),
                    target.password()));
        }
    }

    /** Replaces the rows the migrations seeded (counters, chain head) with the backup's, table by table. */
    private static Summary insertAll(Connection connection, BackupReader reader, String schema)
            throws SQLException, IOException {
        List<String> known = StoreTables.inDependencyOrder(connection);
        for (String table : known.reversed()) {
            try (Statement clear = connection.createStatement()) {
                clear.executeUpdate("DELETE FROM " + StoreTables.quote(table));
            }
        }
        List<String> seen = new ArrayList<>();
        long rows = 0;
        JsonNode next = reader.next();
        while (next != null && next.isObject() && next.has("table")) {
            String table = name(reader, next.path("table"));
            if (!known.contains(table) || seen.contains(table)) {
                throw reader.invalid("table '" + table + "' is not in schema version " + schema
                        + (seen.contains(table) ? " or comes twice" : ""));
            }
            seen.add(table);
            List<String> columns = new ArrayList<>();
            List<ColumnType> types = new ArrayList<>();
            JsonNode columnList = next.path("columns");
            if (!columnList.isArray() || columnList.isEmpty() || columnList.size() > MAX_COLUMNS) {
                throw reader.invalid("table '" + table + "' has no valid column list");
            }
            for (JsonNode column : columnList) {
                columns.add(name(reader, column.path("name")));
                try {
                    types.add(ColumnType.valueOf(column.path("type").asText()));
                } catch (IllegalArgumentException e) {
                    throw reader.invalid("column type '" + column.path("type").asText() + "' is unknown");
                }
            }
            String sql = "INSERT INTO " + StoreTables.quote(table) + " ("
                    + String.join(", ", columns.stream().map(StoreTables::quote).toList()) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
            int pending = 0;
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                next = reader.next();
                while (next != null && next.isArray()) {
                    if (next.size() != columns.size()) {
                        throw reader.invalid("a row of '" + table + "' has " + next.size() + " values for "
                                + columns.size() + " columns");
                    }
                    for (int i = 0; i < columns.size(); i++) {
                        try {
                            types.get(i).bind(insert, i + 1, next.get(i));
                        } catch (IllegalArgumentException | java.time.DateTimeException e) {
                            throw reader.invalid(table + "." + columns.get(i) + ": " + e.getMessage());
                        }
                    }
                    insert.addBatch();
                    rows++;
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                    next = reader.next();
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
            restartIdentities(connection, table);
        }
        if (next == null || !next.path("end").asBoolean(false)) {
            throw reader.invalid(next == null ? "the backup is truncated (no trailer)" : "unexpected line");
        }
        if (next.path("tables").asLong(-1) != seen.size() || next.path("rows").asLong(-1) != rows) {
            throw reader.invalid("the trailer counts " + next.path("tables") + " tables and " + next.path("rows")
                    + " rows, the file holds " + seen.size() + " and " + rows);
        }
        if (reader.next() != null) {
            throw reader.invalid("data after the trailer");
        }
        return new Summary(schema, seen.size(), rows);
    }

    private static void restartIdentities(Connection connection, String table) throws SQLException {
        for (String column : StoreTables.identityColumns(connection, table)) {
            long max;
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT MAX(" + StoreTables.quote(column) + ") FROM "
                         + StoreTables.quote(table))) {
                rs.next();
                max = rs.getLong(1);
                if (rs.wasNull()) {
                    continue;
                }
            }
            try (Statement s = connection.createStatement()) {
                s.execute("ALTER TABLE " + StoreTables.quote(table) + " ALTER COLUMN " + StoreTables.quote(column)
                        + " RESTART WITH " + Math.addExact(max, 1));
            }
        }
    }

    private static String name(BackupReader reader, JsonNode node) {
        String name = node.asText("");
        if (!node.isTextual() || name.isEmpty() || name.length() > MAX_NAME || !name.matches("[A-Za-z0-9_]+")) {
            throw reader.invalid("invalid table or column name");
        }
        return name;
    }

    private static void line(Writer writer, JsonNode node) throws IOException {
        writer.write(JSON.writeValueAsString(node));
        writer.write('\n');
    }

    private static void createPrivate(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: a leftover partial file is named as such
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
