package org.virtguard.connector.vsphere;

import java.time.Clock;
import java.time.Duration;

/**
 * Timeouts and clock of a {@link VsphereConnector}.
 *
 * @param connectTimeout     the longest a TCP/TLS connection may take
 * @param callTimeout        the longest one call may take
 * @param feedWaitSeconds    how long one {@code WaitForUpdatesEx} waits for changes
 * @param reconnectBackoff   the first pause before the feed reconnects; doubled up to {@code maxBackoff}
 * @param maxBackoff         the longest pause between feed reconnects
 */
public record ConnectorSettings(Duration connectTimeout, Duration callTimeout, int feedWaitSeconds,
                                Duration reconnectBackoff, Duration maxBackoff, Clock clock) {

    public static ConnectorSettings defaults() {
        return new ConnectorSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), 10, Duration.ofSeconds(1),
                Duration.ofSeconds(60), Clock.systemUTC());
    }
}
