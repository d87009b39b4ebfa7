package org.virtguard.service.durable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.virtguard.connector.tck.PostgresControl;
import org.virtguard.store.StoreConfig;

/**
 * The test PostgreSQL server ({@code VIRTGUARD_TEST_PG_*}, {@code VIRTGUARD_PG_BIN/DATA/PORT}) with a fresh schema,
 * and the means to stop and start it. Skips without it; fails under {@code VIRTGUARD_REQUIRE_SERVICES=1}.
 */
final class PostgresOutage implements AutoCloseable {

    private final String url = System.getenv("VIRTGUARD_TEST_PG_URL");
    private final String user = System.getenv("VIRTGUARD_TEST_PG_USER");
    private final String password = System.getenv("VIRTGUARD_TEST_PG_PASSWORD");
    private final PostgresControl cluster = PostgresControl.fromEnvironment();
    private final String schema = "vg_durable_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private PostgresOutage() throws SQLException {
        execute("CREATE SCHEMA " + schema);
    }

    static PostgresOutage create() throws SQLException {
        boolean required = "1".equals(System.getenv("VIRTGUARD_REQUIRE_SERVICES"));
        boolean present = notBlank("VIRTGUARD_TEST_PG_URL") && notBlank("VIRTGUARD_PG_BIN")
                && notBlank("VIRTGUARD_PG_DATA") && notBlank("VIRTGUARD_PG_PORT");
        if (!present) {
            String message = "PostgreSQL outage tests %s: VIRTGUARD_TEST_PG_URL / VIRTGUARD_PG_BIN / _DATA / _PORT not set";
            if (required) {
                throw new AssertionError(message.formatted("FAILED"));
            }
            Assumptions.abort(message.formatted("SKIPPED"));
        }
        return new PostgresOutage();
    }

    StoreConfig config() {
        return StoreConfig.postgres(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
    }

    void stop() throws Exception {
        cluster.stop();
    }

    void start() throws Exception {
        cluster.start();
    }

    private static boolean notBlank(String name) {
        String value = System.getenv(name);
        return value != null && !value.isBlank();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Starts the server again if it is down, then drops the schema. */
    @Override
    public void close() throws Exception {
        try {
            execute("SELECT 1");
        } catch (SQLException e) {
            start();
        }
        execute("DROP SCHEMA " + schema + " CASCADE");
    }
}
