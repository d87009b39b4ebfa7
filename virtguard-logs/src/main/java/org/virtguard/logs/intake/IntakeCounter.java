package org.virtguard.logs.intake;

/** What the intake counts, so that skipped input is never silent. */
public enum IntakeCounter {
    /** Lines or syslog frames received. */
    LINES,
    /** Lines that yielded an authentication event. */
    AUTH_EVENTS,
    /** Lines with a syslog header but nothing about authentication. */
    IGNORED,
    /** Lines without a recognisable syslog header (skipped). */
    BAD_HEADER,
    /** Lines whose timestamp is malformed or impossible, e.g. Feb 30 (skipped). */
    BAD_TIMESTAMP,
    /** Lines with NUL bytes: binary, not text (skipped). */
    BINARY,
    /** Lines with control characters, which were replaced by '?' before processing. */
    CONTROL_CHARACTERS,
    /** Lines that were not valid UTF-8 (processed with replacement characters, so that they cannot hide an attempt). */
    INVALID_UTF8,
    /** Lines or frames longer than the limit (skipped). */
    TOO_LONG,
    /** Malformed octet-counting frames (the connection resynchronises or closes). */
    FRAMING_ERRORS,
    /** Messages dropped by the per-source rate limit. */
    RATE_LIMITED,
    /** Connections refused because too many were open. */
    CONNECTIONS_REFUSED,
    /** UDP messages dropped and TCP/TLS connections refused because the sender is outside the allowed networks. */
    SENDER_NOT_ALLOWED
}
