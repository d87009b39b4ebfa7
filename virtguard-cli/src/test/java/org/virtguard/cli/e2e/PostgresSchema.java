package org.virtguard.cli.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.virtguard.connector.tck.TestEnvironment;

/**
 * A fresh, uniquely named schema in the test PostgreSQL database ({@code VIRTGUARD_TEST_PG_URL/_USER/_PASSWORD}),
 * so the service's Flyway migrations start from nothing and nothing is shared with other tests; dropped on close.
 */
public final class PostgresSchema implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final String name;

    private PostgresSchema(String url, String user, String password, String name) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** Creates the schema; skips (or fails in CI) when no test database is configured. */
    public static PostgresSchema create() throws SQLException {
        String url = System.getenv("VIRTGUARD_TEST_PG_URL");
        TestEnvironment.require(url != null && !url.isBlank(), "the test PostgreSQL database (VIRTGUARD_TEST_PG_URL, "
                + "_USER, _PASSWORD: run ./run-tests or source /work/pg/env.export)");
        PostgresSchema schema = new PostgresSchema(url, System.getenv("VIRTGUARD_TEST_PG_USER"),
                System.getenv("VIRTGUARD_TEST_PG_PASSWORD"),
                "vg_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        schema.execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    /** The JDBC URL that puts the service into this schema. */
    public String url() {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
}
