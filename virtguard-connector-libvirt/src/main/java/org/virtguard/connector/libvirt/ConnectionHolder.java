package org.virtguard.connector.libvirt;

import java.nio.file.Files;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;

/**
 * Owns the one libvirt connection of a live connector: opens it on demand (after the event loop is running),
 * hands it out, forgets it when it broke, and closes it for good on {@link #close()}.
 */
final class ConnectionHolder {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHolder.class);
    private static final int VIR_CONNECT_RO = 1;

    private final LibvirtSource source;
    private final Credentials credentials;
    private final boolean readOnly;
    private final int keepAliveInterval;
    private final int keepAliveCount;
    private Connect current;
    private boolean closed;

    ConnectionHolder(LibvirtSource source, Credentials credentials) throws ConnectorException {
        this.source = source;
        this.credentials = credentials;
        this.readOnly = Boolean.parseBoolean(source.option("read-only", "false"));
        this.keepAliveInterval = (int) source.longOption("keepalive-interval", 5);
        this.keepAliveCount = (int) source.longOption("keepalive-count", 3);
    }

    /** The open connection, opening one when there is none. */
    synchronized Connect get() throws ConnectorException {
        if (closed) {
            throw new ConnectorException(ErrorCode.CONNECTION_LOST, source.id(), source.describe()
                    + ": the connector was closed");
        }
        if (current == null) {
            current = open();
        }
        return current;
    }

    /**
     * Runs {@code work} on the open connection while holding this holder's lock: response actions run one at a
     * time, and the connection is not opened, discarded or closed under them.
     */
    synchronized <T> T withConnection(ConnectionWork<T> work) throws ConnectorException {
        return work.run(get());
    }

    /** Work done on a connection by {@link #withConnection}. */
    @FunctionalInterface
    interface ConnectionWork<T> {
        T run(Connect connection) throws ConnectorException;
    }

    /** The connection as it is, without opening one; {@code null} when there is none. */
    synchronized Connect current() {
        return current;
    }

    /** Forgets {@code broken} (if it is still the current connection) and closes it. */
    synchronized void discard(Connect broken) {
        if (broken != null && broken == current) {
            current = null;
            closeQuietly(broken);
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the connection; {@link #get()} fails from now on. */
    synchronized void close() {
        closed = true;
        if (current != null) {
            closeQuietly(current);
            current = null;
        }
    }

    private Connect open() throws ConnectorException {
        LibvirtEventLoop.ensureStarted(source.id());
        if (source.testFile() != null && !Files.isRegularFile(source.testFile())) {
            throw new ConnectorException(ErrorCode.SOURCE_UNREACHABLE, source.id(), source.describe()
                    + ": cannot connect: test driver file " + source.testFile() + " does not exist");
        }
        Connect c;
        try {
            int flags = readOnly ? VIR_CONNECT_RO : 0;
            c = new Connect(source.spec().uri(), new CredentialsAuth(credentials), flags);
        } catch (LibvirtException e) {
            throw LibvirtErrors.connectFailed(e, source);
        } catch (RuntimeException e) {
            throw new ConnectorException(ErrorCode.SOURCE_UNREACHABLE, source.id(),
                    source.describe() + ": cannot connect: " + e.getClass().getSimpleName(), e);
        }
        try {
            c.setKeepAlive(keepAliveInterval, keepAliveCount);
        } catch (LibvirtException e) {
            LOG.debug("{}: keep-alive not available: {}", source.describe(), e.getError().getMessage());
        }
        return c;
    }

    static void closeQuietly(Connect c) {
        try {
            // libvirt keeps a connection that domains still reference, and calls its close callback when the daemon
            // goes away; once the Java Connect is garbage, that callback's JNA stub is freed and the call crashes the
            // JVM (seen in CI under libvirtd restarts). So the callback goes before the connection does.
            c.unregisterCloseListener();
        } catch (LibvirtException | RuntimeException e) {
            LOG.trace("no close listener to unregister: {}", e.getMessage());
        }
        try {
            c.close();
        } catch (LibvirtException | RuntimeException e) {
            LOG.debug("closing a libvirt connection failed: {}", e.getMessage());
        }
    }
}
