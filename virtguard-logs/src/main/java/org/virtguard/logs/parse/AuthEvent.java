package org.virtguard.logs.parse;

import java.time.Instant;
import java.util.Objects;

import org.virtguard.model.net.IpAddressText;

/**
 * One normalized authentication event parsed from a management-plane log line.
 *
 * @param time        when it happened (from the line), epoch milliseconds
 * @param targetHost  the host that logged it (the one being logged into), or {@code "-"} when unknown
 * @param service     the product and daemon, e.g. {@code sshd}, {@code esxi-hostd}, {@code vcenter-vpxd}
 * @param outcome     what happened
 * @param user        the account named, or {@code null}
 * @param source      the remote address (RFC 5952 text, normalised here) or name the attempt came from, or
 *                    {@code null} when the log does not say
 * @param attempts    how many attempts the line stands for (more than one for "message repeated N times")
 * @param invalidUser whether the daemon said the account does not exist
 * @param line        the raw line, as evidence
 */
public record AuthEvent(long time, String targetHost, String service, AuthOutcome outcome, String user,
                        String source, int attempts, boolean invalidUser, String line) {
    public AuthEvent {
        Objects.requireNonNull(targetHost, "targetHost");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(line, "line");
        if (source != null && source.indexOf(':') >= 0) {
            source = IpAddressText.canonical(source);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }

    /** The time as an {@link Instant}. */
    public Instant instant() {
        return Instant.ofEpochMilli(time);
    }
}
