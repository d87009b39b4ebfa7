package org.virtguard.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives and how to log in. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl  JDBC URL of an H2 or PostgreSQL database
 * @param user     database user
 * @param password database password, empty for none
 */
public record StoreConfig(String jdbcUrl, String user, String password) {

    /** File name (without H2's {@code .mv.db} suffix) of the embedded database inside its data directory. */
    public static final String EMBEDDED_DB_NAME = "virtguard";

    private static final String EMBEDDED_USER = "virtguard";
    /**
     * URL prefix of the embedded store: H2's file system through {@link SyncedFilePath}, under H2's
     * {@code retry:} file system. With {@code WRITE_DELAY=0} a commit writes the file from the committing thread,
     * and an interrupt there (an executor shutting down) would otherwise close the file channel
     * ({@code ClosedByInterruptException}) and with it the database for every thread; {@code retry:} reopens it.
     */
    static final String EMBEDDED_PREFIX = "jdbc:h2:retry:" + SyncedFilePath.SCHEME + ":file:";
    /**
     * {@code WRITE_DELAY=0}: a commit writes its changes to the file before it returns (H2's default, 500 ms, leaves
     * the last half second of confirmed writes in memory, lost when the process is killed); the file is opened with
     * {@code O_DSYNC} by {@link SyncedFilePath}, so that write also reaches the disk.
     */
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";AUTO_SERVER=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";

    /** Requires a JDBC URL; a missing user or password becomes empty. */
    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + JdbcUrls.redact(jdbcUrl));
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /**
     * The embedded H2 database in file {@code dataDir/virtguard}, used by a single process. Every commit is on the
     * disk before it returns (H2's {@code WRITE_DELAY=0} on a file opened with {@code O_DSYNC}).
     *
     * @param dataDir directory that holds the database files; created on first open
     */
    public static StoreConfig embedded(Path dataDir) {
        return embedded(dataDir, EMBEDDED_DB_NAME);
    }

    /** An embedded H2 database named {@code name} in {@code dataDir} (a restore stages into its own file). */
    static StoreConfig embedded(Path dataDir, String name) {
        String base = dataDir.toAbsolutePath().normalize().resolve(name).toString();
        if (base.contains(";")) {
            throw new IllegalArgumentException("the data directory must not contain ';': " + dataDir);
        }
        return new StoreConfig(EMBEDDED_PREFIX + base + H2_OPTIONS, EMBEDDED_USER, "");
    }

    /**
     * A PostgreSQL database.
     *
     * @param url a {@code jdbc:postgresql:} URL
     */
    public static StoreConfig postgres(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        if (!isPostgres(url)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + JdbcUrls.redact(url));
        }
        return new StoreConfig(url, user, password);
    }

    /** Whether this configuration points at PostgreSQL. */
    public boolean isPostgres() {
        return isPostgres(jdbcUrl);
    }

    /** The JDBC URL with any credentials it contains masked, for messages and logs. */
    public String redactedUrl() {
        return JdbcUrls.redact(jdbcUrl);
    }

    private static boolean isPostgres(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return "StoreConfig[jdbcUrl=" + redactedUrl() + ", user=" + user + ", password="
                + (password.isEmpty() ? "<none>" : "***") + "]";
    }
}
