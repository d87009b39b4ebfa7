package org.virtguard.service.logging;

import java.time.Instant;

/**
 * One event to write.
 *
 * @param at        when it was logged
 * @param level     its level
 * @param logger    the logger's name
 * @param thread    the logging thread's name
 * @param message   the message with its arguments filled in
 * @param code      the error code of the exception logged with it (e.g. {@code STORE_UNAVAILABLE}), or {@code null}
 * @param error     the exception in one line ({@code Class: message; caused by …}), or {@code null}
 * @param stack     the full stack trace, only when the logger is at debug or trace; else {@code null}
 * @param repeated  for a summary line: how many identical events were held back; else 0
 */
public record LogEvent(Instant at, LogLevel level, String logger, String thread, String message, String code,
                       String error, String stack, long repeated) {

    /** The same event as a summary of {@code count} identical ones held back. */
    LogEvent summary(Instant now, long count) {
        return new LogEvent(now, level, logger, thread, message, code, error, null, count);
    }

    /** What makes two events identical: level, logger, message, code and error text. */
    String identity() {
        return level + "\u0000" + logger + "\u0000" + message + "\u0000" + code + "\u0000" + error;
    }
}
