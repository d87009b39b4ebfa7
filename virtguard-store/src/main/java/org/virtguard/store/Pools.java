package org.virtguard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the small connection pool the store uses. */
final class Pools {

    private static final int MAX_CONNECTIONS = 4;
    private static final long CONNECT_TIMEOUT_MS = 10_000;

    private Pools() {
    }

    /** Opens a pool; fails at once when no connection can be made. */
    static HikariDataSource open(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("virtguard-store");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(MAX_CONNECTIONS);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        hikari.setInitializationFailTimeout(1);
        if (config.isPostgres()) {
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
            hikari.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MS / 1000));
            hikari.addDataSourceProperty("ApplicationName", "virtguard");
        }
        return new HikariDataSource(hikari);
    }
}
