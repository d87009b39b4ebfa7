package org.virtguard.store;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The versioned migrations shipped in this module: reads a store's schema version against the newest one on the
 * class path, and brings the schema up to date when the open mode allows it.
 */
final class Migrations {

    static final String LOCATION = "classpath:org/virtguard/store/migration";
    static final String HISTORY_TABLE = "virtguard_schema_history";

    private Migrations() {
    }

    /** Checks the schema against {@code mode}, and creates or upgrades it where the mode allows. */
    static SchemaUpgrade open(DataSource dataSource, SchemaMode mode, String where) {
        Flyway flyway = flyway(dataSource);
        SchemaVersion version = version(flyway);
        switch (mode) {
            case MIGRATE -> {
                version.requireMigratable(where);
                if (!version.current()) {
                    flyway.migrate();
                }
            }
            case CREATE_OR_VALIDATE -> {
                version.requireCurrent(where, true);
                if (version.empty()) {
                    flyway.migrate();
                }
            }
            case VALIDATE -> version.requireCurrent(where, false);
        }
        return new SchemaUpgrade(version, version.current() ? version : version(flyway));
    }

    /** Creates the schema of an empty store up to exactly {@code version} (for a restore). */
    static void migrateTo(DataSource dataSource, String version) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .target(MigrationVersion.fromVersion(version))
                .load()
                .migrate();
    }

    /** The newest migration this binary carries (read against a private in-memory database). */
    static String known() {
        org.h2.jdbcx.JdbcDataSource memory = new org.h2.jdbcx.JdbcDataSource();
        memory.setURL("jdbc:h2:mem:virtguard-known-" + java.util.UUID.randomUUID() + ";MODE=PostgreSQL");
        return version(memory).known();
    }

    /** The schema version of the store behind {@code dataSource}; changes nothing. */
    static SchemaVersion version(DataSource dataSource) {
        return version(flyway(dataSource));
    }

    private static SchemaVersion version(Flyway flyway) {
        MigrationVersion known = null;
        MigrationVersion applied = null;
        boolean failed = false;
        for (MigrationInfo info : flyway.info().all()) {
            MigrationVersion v = info.getVersion();
            if (v == null) {
                continue;
            }
            if (info.getState().isResolved() && (known == null || v.compareTo(known) > 0)) {
                known = v;
            }
            if (info.getState().isApplied()) {
                failed |= info.getState().isFailed();
                if (applied == null || v.compareTo(applied) > 0) {
                    applied = v;
                }
            }
        }
        if (known == null) {
            throw new IllegalStateException("no schema migrations on the class path at " + LOCATION);
        }
        return new SchemaVersion(applied == null ? null : applied.getVersion(), known.getVersion(), failed);
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .load();
    }
}
