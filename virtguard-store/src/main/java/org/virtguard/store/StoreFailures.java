package org.virtguard.store;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.virtguard.model.ErrorCode;

/**
 * Tells "the store cannot be reached" (connection refused, pool timeout, server shutting down, broken socket)
 * from every other failure (bad data, a constraint, a bug). Callers retry the first kind later and never the
 * second.
 */
public final class StoreFailures {

    /** SQLSTATE values that mean the server went away or refuses connections for now. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now
            "53300", // too_many_connections
            "90098", // H2: database is closed
            "90121"); // H2: database closed by another thread
    private static final int MAX_DEPTH = 32;

    private StoreFailures() {
    }

    /**
     * Whether an exception, or any exception in its cause chain, says the database cannot be reached right
     * now. A {@link StoreException} {@link ErrorCode#STORE_UNAVAILABLE} without a cause counts (it is what
     * {@link Store#open} throws); one whose cause is a data error does not.
     */
    public static boolean unreachable(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_DEPTH; t = t.getCause() == t ? null : t.getCause()) {
            depth++;
            if (connectionFailure(t)) {
                return true;
            }
            if (t instanceof StoreException s && s.code() == ErrorCode.STORE_UNAVAILABLE && s.getCause() == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an exception, or any in its cause chain, says the disk is full: a write refused by the store's
     * {@link DiskSpace} reserve ({@link ErrorCode#STORE_DISK_FULL}), or the operating system's "no space left on
     * device" / "disk quota exceeded" met by the database or a spool file. Such a write can be retried once space is
     * freed.
     */
    public static boolean diskFull(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_DEPTH; t = t.getCause() == t ? null : t.getCause()) {
            depth++;
            if (t instanceof StoreException s && s.code() == ErrorCode.STORE_DISK_FULL) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("No space left on device")
                    || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the embedded database closed itself (H2 does after a failed write to its file, e.g. on a full
     * disk): every pooled connection is then dead and must be replaced so that the database is opened again.
     */
    static boolean databaseClosed(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_DEPTH; t = t.getCause() == t ? null : t.getCause()) {
            depth++;
            if (t instanceof SQLException sql && ("90098".equals(sql.getSQLState())
                    || "90121".equals(sql.getSQLState()))) {
                return true;
            }
            if (t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionFailure(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof ConnectException || t instanceof SocketTimeoutException
                || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                || t instanceof SocketException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
        }
        return t.getClass().getName().equals("org.jdbi.v3.core.ConnectionException");
    }
}
