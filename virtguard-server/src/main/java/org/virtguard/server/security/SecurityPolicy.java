package org.virtguard.server.security;

import java.time.Duration;

/**
 * Tunables of authentication.
 *
 * @param sessionIdleTimeout       a session ends after this long without a request
 * @param sessionAbsoluteTimeout   a session ends this long after login, whatever the activity
 * @param maxFailedLogins          consecutive failures per account and source before progressive delays start there;
 *                                 four times as many from unknown sources start delays for all unknown sources
 * @param lockout                  the longest delay between attempts on one account
 * @param loginsPerAddress         login attempts allowed per client address per {@code loginWindow}
 * @param loginWindow              the rate-limit window
 * @param concurrentPasswordChecks password hashes computed at once (more are refused with 503 at once)
 */
public record SecurityPolicy(Duration sessionIdleTimeout, Duration sessionAbsoluteTimeout, int maxFailedLogins,
                             Duration lockout, int loginsPerAddress, Duration loginWindow,
                             int concurrentPasswordChecks) {

    public SecurityPolicy {
        if (concurrentPasswordChecks < 1) {
            throw new IllegalArgumentException("concurrentPasswordChecks must be at least 1");
        }
    }

    /** A policy checking {@link HashingGate#defaultPermits()} passwords at once. */
    public SecurityPolicy(Duration sessionIdleTimeout, Duration sessionAbsoluteTimeout, int maxFailedLogins,
                          Duration lockout, int loginsPerAddress, Duration loginWindow) {
        this(sessionIdleTimeout, sessionAbsoluteTimeout, maxFailedLogins, lockout, loginsPerAddress, loginWindow,
                HashingGate.defaultPermits());
    }

    public static SecurityPolicy defaults() {
        return new SecurityPolicy(Duration.ofMinutes(30), Duration.ofHours(12), 5, Duration.ofMinutes(15), 20,
                Duration.ofMinutes(1));
    }

    /** Failures on one account from unknown sources before delays start for every unknown source. */
    public int failuresPerAccount() {
        return maxFailedLogins * 4;
    }
}
