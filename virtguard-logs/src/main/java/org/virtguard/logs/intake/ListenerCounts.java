package org.virtguard.logs.intake;

/**
 * Counters of one syslog listener (one transport on one port), for metrics.
 *
 * @param protocol    {@code udp}, {@code tcp} or {@code tls}
 * @param port        the bound port
 * @param received    messages that arrived (refused connections included)
 * @param parsed      lines with a valid syslog header and timestamp
 * @param malformed   lines skipped as malformed (bad header or timestamp, binary, over-long, framing errors)
 * @param rateLimited messages dropped by the per-sender rate limit
 * @param refused     messages dropped and connections refused: sender not allowed, too many connections
 */
public record ListenerCounts(String protocol, int port, long received, long parsed, long malformed,
                             long rateLimited, long refused) {

    static ListenerCounts of(String protocol, int port, IntakeStats stats) {
        return new ListenerCounts(protocol, port, stats.received(), stats.parsed(), stats.malformed(),
                stats.get(IntakeCounter.RATE_LIMITED), stats.refused());
    }
}
