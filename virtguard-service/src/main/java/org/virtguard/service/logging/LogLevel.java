package org.virtguard.service.logging;

import java.util.Locale;

/** Log levels from the most detailed to none; a logger writes events at its level and above. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, OFF;

    /** Whether an event at {@code event} is written by a logger at this level. */
    public boolean allows(LogLevel event) {
        return this != OFF && event.ordinal() >= ordinal();
    }

    /** Parses {@code error}, {@code warn}, {@code info}, {@code debug}, {@code trace} or {@code off}, any case. */
    public static LogLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a log level: '" + text + "' (error, warn, info, debug, trace, off)");
        }
    }
}
