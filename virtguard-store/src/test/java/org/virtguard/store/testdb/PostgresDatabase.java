package org.virtguard.store.testdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.virtguard.store.StoreConfig;

/** A new, empty schema in the test PostgreSQL server, made the connection's current schema. */
final class PostgresDatabase extends TestDatabase {

    private final PostgresServer server;
    private final String schema;
    private final StoreConfig config;

    PostgresDatabase(PostgresServer server) throws SQLException {
        this.server = server;
        this.schema = "vg_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
        String url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        this.config = StoreConfig.postgres(url, server.user(), server.password());
    }

    @Override
    protected TestDatabase create() throws SQLException {
        return new PostgresDatabase(server);
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public StoreConfig config() {
        return config;
    }

    @Override
    protected void drop() throws SQLException {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
