package org.virtguard.store;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/** Brings the schema up to date with the versioned migrations shipped in this module. */
final class Migrations {

    static final String LOCATION = "classpath:org/virtguard/store/migration";

    private Migrations() {
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table("virtguard_schema_history")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
