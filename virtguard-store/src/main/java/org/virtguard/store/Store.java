package org.virtguard.store;

import java.util.Objects;

import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;
import org.virtguard.store.alerts.AlertRepository;
import org.virtguard.store.alerts.JdbiAlertRepository;
import org.virtguard.model.ErrorCode;

/**
 * VirtGuard's database: an embedded H2 file or PostgreSQL, schema kept current by Flyway on open.
 * Thread-safe; close it to release the connection pool.
 */
public final class Store implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final InventoryRepository inventory;
    private final AlertRepository alerts;
    private final org.virtguard.store.findings.JdbiFindingRepository findings;
    private final boolean postgres;

    private final SchemaUpgrade schema;

    private Store(HikariDataSource dataSource, boolean postgres, SchemaUpgrade schema) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.jdbi = Sql.jdbi(dataSource);
        this.inventory = new JdbiInventoryRepository(jdbi);
        this.alerts = new JdbiAlertRepository(jdbi);
        this.findings = new org.virtguard.store.findings.JdbiFindingRepository(jdbi);
        this.postgres = postgres;
    }

    /**
     * Connects, and creates or upgrades the schema ({@link SchemaMode#MIGRATE}).
     *
     * @throws StoreException with {@link ErrorCode#STORE_UNAVAILABLE} when the database cannot be reached,
     *                        refuses the login, or cannot be migrated; with {@link ErrorCode#SCHEMA_MISMATCH} when
     *                        its schema is newer than this binary knows
     */
    public static Store open(StoreConfig config) {
        return open(config, SchemaMode.MIGRATE);
    }

    /**
     * Connects, and checks (and, as {@code mode} allows, creates or upgrades) the schema.
     *
     * @throws StoreException with {@link ErrorCode#STORE_UNAVAILABLE} when the database cannot be reached,
     *                        refuses the login, or cannot be migrated; with {@link ErrorCode#SCHEMA_MISMATCH} when
     *                        the schema is not one {@code mode} accepts (the message names both versions)
     */
    public static Store open(StoreConfig config, SchemaMode mode) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(mode, "mode");
        java.util.Optional<java.nio.file.Path> embedded = PrivateFiles.embeddedDirectory(config);
        if (mode == SchemaMode.VALIDATE && embedded.isPresent() && !StoreFiles.exists(embedded.get())) {
            throw new StoreException(ErrorCode.SCHEMA_MISMATCH, "there is no store in " + embedded.get()
                    + " yet: start `virtguard serve` or run `virtguard db migrate` first (or pass --data-dir)");
        }
        try {
            if (embedded.isPresent()) {
                PrivateFiles.directory(embedded.get());
            }
        } catch (java.io.IOException e) {
            throw new StoreException(ErrorCode.STORE_UNAVAILABLE, "cannot create the store directory "
                    + embedded.get() + ": " + e.getMessage(), e);
        }
        HikariDataSource dataSource;
        try {
            dataSource = Pools.open(config);
        } catch (RuntimeException e) {
            throw unavailable(config, "cannot open store", e);
        }
        SchemaUpgrade schema;
        try {
            schema = Migrations.open(dataSource, mode, config.redactedUrl());
        } catch (StoreException e) {
            dataSource.close();
            throw e;
        } catch (RuntimeException e) {
            dataSource.close();
            throw unavailable(config, "cannot migrate store schema", e);
        }
        try {
            if (embedded.isPresent()) {
                PrivateFiles.filesIn(embedded.get());
            }
        } catch (java.io.IOException e) {
            dataSource.close();
            throw new StoreException(ErrorCode.STORE_UNAVAILABLE, "cannot make the store files private in "
                    + embedded.get() + ": " + e.getMessage(), e);
        }
        return new Store(dataSource, config.isPostgres(), schema);
    }

    /**
     * The schema version of the store at {@code config} against this binary's; changes nothing.
     *
     * @throws StoreException {@link ErrorCode#STORE_UNAVAILABLE} when the database cannot be reached
     */
    public static SchemaVersion schemaVersion(StoreConfig config) {
        java.util.Optional<java.nio.file.Path> embedded = PrivateFiles.embeddedDirectory(config);
        if (embedded.isPresent() && !StoreFiles.exists(embedded.get())) {
            return new SchemaVersion(null, Migrations.known(), false);
        }
        try (HikariDataSource dataSource = Pools.open(config)) {
            return Migrations.version(dataSource);
        } catch (RuntimeException e) {
            throw unavailable(config, "cannot open store", e);
        }
    }

    /**
     * The schema version this store had when it was opened and the one it has now (they differ when the open
     * created or upgraded it).
     */
    public SchemaUpgrade schema() {
        return schema;
    }

    /** The inventory of hosts, VMs, vNICs and networks with their change log. */
    public InventoryRepository inventory() {
        return inventory;
    }

    /** Alerts raised by the detectors, one per incident. */
    public AlertRepository alerts() {
        return alerts;
    }

    /** Users, console sessions, API tokens and the hash-chained audit log of VirtGuard itself. */
    public org.virtguard.store.security.SecurityStore security() {
        return new org.virtguard.store.security.SecurityStore(jdbi);
    }

    /**
     * Policy scan results with history, and accepted-risk exceptions. One instance per store, so the counts it
     * caches between scans are invalidated by every scan this process records.
     */
    public org.virtguard.store.findings.FindingRepository findings() {
        return findings;
    }

    /** Per-minute VM-to-VM and zone-to-zone traffic edges from flow collection. */
    /** Guarded response actions and their approvals. */
    public org.virtguard.store.response.ResponseRepository responses() {
        return new org.virtguard.store.response.ResponseRepository(jdbi);
    }

    public org.virtguard.store.flows.FlowEdgeRepository flows() {
        return new org.virtguard.store.flows.FlowEdgeRepository(jdbi);
    }

    /** Deletes data older than its retention period in bounded batches; never the audit log. */
    public org.virtguard.store.retention.StoreRetention retention() {
        return new org.virtguard.store.retention.StoreRetention(jdbi, postgres, findings::forgetCachedCounts);
    }

    /**
     * Whether the database answers now: borrows a connection (waiting at most the pool's connection timeout,
     * two seconds) and validates it within {@code timeout}. Never throws.
     *
     * @param timeout how long the validation may take; at least one second is used
     */
    public boolean ping(java.time.Duration timeout) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return connection.isValid(seconds);
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The connection pool, for backups. */
    HikariDataSource dataSource() {
        return dataSource;
    }

    /** The underlying Jdbi, for repositories of later features that share this database. */
    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static StoreException unavailable(StoreConfig config, String what, Throwable error) {
        String detail = Errors.oneLine(Errors.rootMessage(error), config.password());
        return new StoreException(ErrorCode.STORE_UNAVAILABLE,
                what + " at " + config.redactedUrl() + ": " + detail, error);
    }
}
