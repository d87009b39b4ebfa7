package org.virtguard.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The store a CLI test runs against, expressed as the command-line options and environment a user would
 * give: the embedded H2 store in a data directory, or a fresh schema in the test PostgreSQL server from
 * {@code ./run-tests} ({@code VIRTGUARD_TEST_PG_*}).
 */
final class StoreUnderTest implements AutoCloseable {

    private final List<String> options;
    private final Map<String, String> environment;
    private final Runnable cleanup;
    private final org.virtguard.store.StoreConfig config;

    private StoreUnderTest(List<String> options, Map<String, String> environment, Runnable cleanup,
                           org.virtguard.store.StoreConfig config) {
        this.config = config;
        this.options = options;
        this.environment = environment;
        this.cleanup = cleanup;
    }

    static StoreUnderTest create(String kind, Path tempDir) throws SQLException {
        if (kind.equals("h2")) {
            return new StoreUnderTest(List.of("--data-dir", tempDir.resolve("data").toString()), Map.of(), () -> { },
                    org.virtguard.store.StoreConfig.embedded(tempDir.resolve("data")));
        }
        String url = System.getenv("VIRTGUARD_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            String message = "PostgreSQL CLI tests %s: VIRTGUARD_TEST_PG_URL not set — run ./run-tests";
            if ("1".equals(System.getenv("VIRTGUARD_REQUIRE_SERVICES"))) {
                throw new AssertionError(message.formatted("FAILED"));
            }
            Assumptions.abort(message.formatted("SKIPPED"));
        }
        String user = System.getenv("VIRTGUARD_TEST_PG_USER");
        String password = System.getenv("VIRTGUARD_TEST_PG_PASSWORD");
        String schema = "vg_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, user, password, "CREATE SCHEMA " + schema);
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new StoreUnderTest(List.of("--store-url", schemaUrl, "--store-user", user),
                Map.of("VIRTGUARD_STORE_PASSWORD", password),
                () -> {
                    try {
                        execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, org.virtguard.store.StoreConfig.postgres(schemaUrl, user, password));
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The store as the CLI resolves it from these options. */
    org.virtguard.store.StoreConfig config() {
        return config;
    }

    CliRun run(String... args) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(args));
        return CliRun.run(environment, all.toArray(String[]::new));
    }

    @Override
    public void close() {
        cleanup.run();
    }
}
