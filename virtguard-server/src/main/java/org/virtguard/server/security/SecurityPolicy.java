package org.virtguard.server.security;

import java.time.Duration;

/**
 * Tunables of authentication.
 *
 * @param sessionIdleTimeout     a session ends after this long without a request
 * @param sessionAbsoluteTimeout a session ends this long after login, whatever the activity
 * @param maxFailedLogins        consecutive failures that lock an account
 * @param lockout                how long a locked account stays locked
 * @param loginsPerAddress       login attempts allowed per client address per {@code loginWindow}
 * @param loginWindow            the rate-limit window
 */
public record SecurityPolicy(Duration sessionIdleTimeout, Duration sessionAbsoluteTimeout, int maxFailedLogins,
                             Duration lockout, int loginsPerAddress, Duration loginWindow) {

    public static SecurityPolicy defaults() {
        return new SecurityPolicy(Duration.ofMinutes(30), Duration.ofHours(12), 5, Duration.ofMinutes(15), 20,
                Duration.ofMinutes(1));
    }
}
