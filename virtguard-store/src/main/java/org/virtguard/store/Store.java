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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Store.class);
    /** Least time between two replacements of the embedded database's connections. */
    private static final long REOPEN_EVERY_NANOS = 1_000_000_000L;

    private final HikariDataSource dataSource;
    private final boolean embedded;
    private final DiskSpace disk;
    private final java.util.concurrent.atomic.AtomicLong lastReopen = new java.util.concurrent.atomic.AtomicLong(
            System.nanoTime() - REOPEN_EVERY_NANOS);
    private final java.util.concurrent.atomic.AtomicLong reopens = new java.util.concurrent.atomic.AtomicLong();
    private final Jdbi jdbi;
    private final InventoryRepository inventory;
    private final AlertRepository alerts;
    private final org.virtguard.store.findings.JdbiFindingRepository findings;
    private final boolean postgres;

    private final SchemaUpgrade schema;

    private Store(HikariDataSource dataSource, boolean postgres, SchemaUpgrade schema, boolean embedded,
                  DiskSpace disk) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.embedded = embedded;
        this.disk = disk;
        this.jdbi = Sql.jdbi(dataSource);
        if (embedded) {
            jdbi.addCustomizer(new WriteGate(disk));
            jdbi.getConfig(org.jdbi.v3.core.statement.SqlStatements.class).setSqlLogger(
                    new org.jdbi.v3.core.statement.SqlLogger() {
                        @Override
                        public void logException(org.jdbi.v3.core.statement.StatementContext ctx,
                                                 java.sql.SQLException ex) {
                            reopenIfClosed(ex);
                        }
                    });
        }
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
        return open(config, SchemaMode.MIGRATE, DiskSpace.unlimited());
    }

    /**
     * Connects, and checks (and, as {@code mode} allows, creates or upgrades) the schema.
     *
     * @throws StoreException with {@link ErrorCode#STORE_UNAVAILABLE} when the database cannot be reached,
     *                        refuses the login, or cannot be migrated; with {@link ErrorCode#SCHEMA_MISMATCH} when
     *                        the schema is not one {@code mode} accepts (the message names both versions)
     */
    public static Store open(StoreConfig config, SchemaMode mode) {
        return open(config, mode, DiskSpace.unlimited());
    }

    /**
     * As {@link #open(StoreConfig)}; an embedded store also refuses writes with {@link ErrorCode#STORE_DISK_FULL}
     * while {@code disk} is full, and opens its database again by itself when H2 closed it after an I/O error.
     * A PostgreSQL store ignores {@code disk} (its disk is the database server's).
     *
     * @param disk the free-space rule of the data directory's filesystem
     */
    public static Store open(StoreConfig config, DiskSpace disk) {
        return open(config, SchemaMode.MIGRATE, disk);
    }

    /** Whether {@code config} names an embedded store that was never created (nothing has been stored there). */
    public static boolean isMissingEmbedded(StoreConfig config) {
        java.util.Optional<java.nio.file.Path> embedded = PrivateFiles.embeddedDirectory(config);
        return embedded.isPresent() && !StoreFiles.exists(embedded.get());
    }

    /**
     * Connects with the schema {@code mode} and the free-space rule {@code disk} (see the other overloads).
     */
    public static Store open(StoreConfig config, SchemaMode mode, DiskSpace disk) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(disk, "disk");
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
        return new Store(dataSource, config.isPostgres(), schema, embedded.isPresent(),
                embedded.isPresent() ? disk : DiskSpace.unlimited());
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


    /** The free-space rule writes obey: {@link DiskSpace#unlimited()} for PostgreSQL. */
    public DiskSpace disk() {
        return disk;
    }

    /** Times the embedded database's connections were replaced after H2 closed the database. */
    public long reopens() {
        return reopens.get();
    }

    /**
     * After an error that shows H2 closed the embedded database (a failed write to its file, e.g. on a full disk):
     * drops every pooled connection so that the next one opens the database again. At most once a second.
     *
     * @return whether the connections were replaced now
     */
    public boolean reopenIfClosed(Throwable error) {
        if (!embedded || !StoreFailures.databaseClosed(error)) {
            return false;
        }
        long now = System.nanoTime();
        long last = lastReopen.get();
        if (now - last < REOPEN_EVERY_NANOS || !lastReopen.compareAndSet(last, now)) {
            return false;
        }
        reopens.incrementAndGet();
        LOG.warn("the embedded database was closed after an I/O error ({}); opening it again",
                Errors.oneLine(Errors.rootMessage(error), ""));
        dataSource.getHikariPoolMXBean().softEvictConnections();
        return true;
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

    /** Vulnerability data sets loaded with {@code virtguard exposure update}, with their provenance. */
    public org.virtguard.store.vulndata.VulnDataRepository vulnerabilityData() {
        return new org.virtguard.store.vulndata.VulnDataRepository(jdbi);
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
            if (!embedded) {
                return connection.isValid(seconds);
            }
            // H2 says a connection to a database it closed is valid: only a query tells
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(seconds);
                statement.execute("SELECT 1");
                return true;
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            reopenIfClosed(e);
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
