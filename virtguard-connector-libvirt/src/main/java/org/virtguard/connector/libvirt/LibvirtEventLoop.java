package org.virtguard.connector.libvirt;

import org.libvirt.Connect;
import org.libvirt.ErrorCallback;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;

/**
 * libvirt's default event loop, registered once per process before any connection is opened (libvirt only
 * delivers events and keep-alives on connections opened after registration) and run on one daemon thread.
 */
final class LibvirtEventLoop {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtEventLoop.class);
    /** Replaces libvirt's default handler, which prints every error to stderr; kept reachable for JNA. */
    private static final ErrorCallback QUIET = new ErrorCallback();
    private static boolean started;
    private static String failure;

    private LibvirtEventLoop() {
    }

    /**
     * Registers and starts the event loop unless already done.
     *
     * @throws ConnectorException with {@link ErrorCode#SOURCE_UNREACHABLE} when the libvirt client library
     *                            cannot be loaded
     */
    static synchronized void ensureStarted(String sourceId) throws ConnectorException {
        if (started) {
            return;
        }
        if (failure != null) {
            throw new ConnectorException(ErrorCode.SOURCE_UNREACHABLE, sourceId, failure);
        }
        try {
            Connect.setErrorCallback(QUIET);
            Library.initEventLoop();
        } catch (LibvirtException e) {
            failure = "cannot start libvirt's event loop: " + e.getError().getMessage();
            throw new ConnectorException(ErrorCode.SOURCE_UNREACHABLE, sourceId, failure, e);
        } catch (LinkageError e) {
            failure = "the libvirt client library (libvirt.so.0, Debian package libvirt0) cannot be loaded: "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
            throw new ConnectorException(ErrorCode.SOURCE_UNREACHABLE, sourceId, failure, e);
        }
        Thread loop = new Thread(LibvirtEventLoop::run, "virtguard-libvirt-events");
        loop.setDaemon(true);
        loop.start();
        started = true;
    }

    private static void run() {
        try {
            Library.runEventLoop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LibvirtException | RuntimeException e) {
            LOG.error("libvirt event loop stopped: {}", e.getMessage());
        }
    }
}
