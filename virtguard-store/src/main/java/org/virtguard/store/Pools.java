package org.virtguard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the small connection pool the store uses. */
final class Pools {

    private static final int MAX_CONNECTIONS = 4;
    /** How long a caller waits for a connection before the store answers "unavailable". */
    static final long CONNECT_TIMEOUT_MS = 2_000;
    private static final long VALIDATION_TIMEOUT_MS = 1_000;
    /** Bounds a read on a dead socket; long enough for the largest sync transaction. */
    private static final int SOCKET_TIMEOUT_S = 300;

    private Pools() {
    }

    /** Opens a pool; fails at once when no connection can be made. */
    static HikariDataSource open(StoreConfig config) {
        if (config.jdbcUrl().startsWith(StoreConfig.EMBEDDED_PREFIX)) {
            SyncedFilePath.register();
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("virtguard-store");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(MAX_CONNECTIONS);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        hikari.setValidationTimeout(VALIDATION_TIMEOUT_MS);
        hikari.setInitializationFailTimeout(1);
        if (config.isPostgres()) {
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
            hikari.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MS / 1000));
            hikari.addDataSourceProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_MS / 1000));
            hikari.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_S));
            hikari.addDataSourceProperty("tcpKeepAlive", "true");
            hikari.addDataSourceProperty("ApplicationName", "virtguard");
        }
        return new HikariDataSource(hikari);
    }
}
