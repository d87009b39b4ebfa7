package org.virtguard.service.durable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.virtguard.store.StoreConfig;

/**
 * The test PostgreSQL server ({@code VIRTGUARD_TEST_PG_*}, {@code VIRTGUARD_PG_BIN/DATA/PORT}) with a fresh schema,
 * and the means to stop and start it. Skips without it; fails under {@code VIRTGUARD_REQUIRE_SERVICES=1}.
 */
final class PostgresOutage implements AutoCloseable {

    private final String url = System.getenv("VIRTGUARD_TEST_PG_URL");
    private final String user = System.getenv("VIRTGUARD_TEST_PG_USER");
    private final String password = System.getenv("VIRTGUARD_TEST_PG_PASSWORD");
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
        pgCtl("stop", "-m", "fast");
    }

    void start() throws Exception {
        pgCtl("start", "-l", logFile(), "-o", "-p " + System.getenv("VIRTGUARD_PG_PORT"));
    }

    private static String logFile() {
        String base = System.getenv("VIRTGUARD_PG_BASE");
        return (base == null || base.isBlank() ? System.getenv("VIRTGUARD_PG_DATA") + "/.." : base) + "/postgres.log";
    }

    private static void pgCtl(String action, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("runuser", "-u", "postgres", "--",
                System.getenv("VIRTGUARD_PG_BIN") + "/pg_ctl", "-D", System.getenv("VIRTGUARD_PG_DATA"), "-w", action));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 && !(action.equals("start") && out.contains("another server might be running"))) {
            throw new IllegalStateException("pg_ctl " + action + " failed: " + out);
        }
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
