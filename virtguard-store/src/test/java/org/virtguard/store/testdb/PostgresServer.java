package org.virtguard.store.testdb;

import java.util.Optional;

/**
 * The PostgreSQL server given to the tests through {@code VIRTGUARD_TEST_PG_URL},
 * {@code VIRTGUARD_TEST_PG_USER} and {@code VIRTGUARD_TEST_PG_PASSWORD} (exported by {@code ./run-tests}).
 */
record PostgresServer(String url, String user, String password) {

    static final String URL_VARIABLE = "VIRTGUARD_TEST_PG_URL";
    static final String SKIP_MESSAGE =
            "PostgreSQL tests SKIPPED: " + URL_VARIABLE + " not set — run ./run-tests";
    static final String REQUIRED_MESSAGE = "PostgreSQL tests FAILED: " + URL_VARIABLE
            + " not set but VIRTGUARD_REQUIRE_SERVICES=1 — run ./run-tests";

    static Optional<PostgresServer> fromEnvironment() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new PostgresServer(url, env("VIRTGUARD_TEST_PG_USER"), env("VIRTGUARD_TEST_PG_PASSWORD")));
    }

    static boolean required() {
        return "1".equals(System.getenv("VIRTGUARD_REQUIRE_SERVICES"));
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return "PostgresServer[" + url + ", user=" + user + "]";
    }
}
