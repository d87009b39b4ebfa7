package org.virtguard.server.security;

import java.util.concurrent.Semaphore;

/**
 * Caps how many password hashes are computed at once, so a login flood from many addresses cannot take every core
 * from the API. Attempts beyond the cap are refused at once (the caller answers 503 with {@code Retry-After}); they
 * never queue. One extra permit is kept for logins from places the account is known to log in from, so the owner
 * still gets in while strangers flood the general permits.
 */
public final class HashingGate {

    private final Semaphore general;
    private final Semaphore reserved = new Semaphore(1);
    private final int permits;

    /** @param permits hashes computed at once for any caller (at least 1) */
    public HashingGate(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one concurrent password check");
        }
        this.permits = permits;
        this.general = new Semaphore(permits);
    }

    /** Half the cores, at least one: the other half stays free for the API and intake. */
    public static int defaultPermits() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** A held permit; release it with {@link Permit#close()}. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A permit without waiting, or {@code null} when all are taken.
     *
     * @param knownGood whether the attempt comes from a place the account logged in from before (may use the
     *                  reserved permit)
     */
    public Permit tryEnter(boolean knownGood) {
        if (general.tryAcquire()) {
            return general::release;
        }
        if (knownGood && reserved.tryAcquire()) {
            return reserved::release;
        }
        return null;
    }

    /** The number of general permits. */
    public int permits() {
        return permits;
    }
}
