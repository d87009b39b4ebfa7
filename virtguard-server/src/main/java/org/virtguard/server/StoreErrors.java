package org.virtguard.server;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.virtguard.model.ErrorCode;
import org.virtguard.store.StoreException;
import org.virtguard.store.StoreFailures;

/**
 * Recognises request failures caused by an unreachable store (answered 503) and logs them without a stack
 * trace per request: one line when they start, then at most one line a minute with the count.
 */
final class StoreErrors {

    /** The message every 503 {@code STORE_UNAVAILABLE} answer carries. */
    static final String MESSAGE = "the store (database) is unavailable; try again shortly";
    /** The message every 503 {@code STORE_DISK_FULL} answer carries. */
    static final String DISK_FULL_MESSAGE = "the data disk is full: changes are refused until space is freed; "
            + "reading still works";
    private static final long QUIET_NANOS = 60_000_000_000L;

    private final Logger log;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - QUIET_NANOS);
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong lastDiskFullLogged = new AtomicLong(System.nanoTime() - QUIET_NANOS);
    private final AtomicLong diskFullSuppressed = new AtomicLong();

    StoreErrors(Logger log) {
        this.log = log;
    }

    /** Whether the failure means "store unreachable" or is a store error reported as unavailable. */
    boolean isStoreUnavailable(Throwable error) {
        return StoreFailures.unreachable(error)
                || (error instanceof StoreException s && s.code() == ErrorCode.STORE_UNAVAILABLE);
    }

    /** Whether the failure is a write refused, or failed, because the disk is full. */
    boolean isDiskFull(Throwable error) {
        return StoreFailures.diskFull(error);
    }

    /** Logs one request refused for a full disk: one line, then at most one a minute with the count. */
    void reportDiskFull(String request, Throwable error) {
        long now = System.nanoTime();
        long last = lastDiskFullLogged.get();
        if (now - last >= QUIET_NANOS && lastDiskFullLogged.compareAndSet(last, now)) {
            long more = diskFullSuppressed.getAndSet(0);
            log.warn("disk full: {} answered 503 {} ({}){}", request, ErrorCode.STORE_DISK_FULL, oneLine(error),
                    more > 0 ? "; " + more + " more such requests since the last message" : "");
        } else {
            diskFullSuppressed.incrementAndGet();
        }
    }

    /** Logs one failed request, rate-limited; a store error that is not a connection failure keeps its trace. */
    void report(String request, Throwable error) {
        if (!StoreFailures.unreachable(error)) {
            log.error("request {} failed in the store", request, error);
            return;
        }
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= QUIET_NANOS && lastLogged.compareAndSet(last, now)) {
            long more = suppressed.getAndSet(0);
            log.warn("store unavailable: {} answered 503 ({}){}", request, oneLine(error),
                    more > 0 ? "; " + more + " more such requests since the last message" : "");
        } else {
            suppressed.incrementAndGet();
        }
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
