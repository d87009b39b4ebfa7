package org.virtguard.service.config;

import java.util.Map;

/**
 * {@code logging:} how the service logs. One line per event; an error's line carries its error code; stack traces
 * only for loggers at {@code debug} or {@code trace}; the same error repeated is written once and then summed up
 * with its count; known secrets are masked.
 *
 * @param level    the level of every logger not named in {@code levels}: {@code error}, {@code warn}, {@code info}
 *                 (default), {@code debug}, {@code trace} or {@code off}
 * @param levels   levels by logger name prefix, e.g. {@code org.virtguard.store: debug}, {@code com.zaxxer: warn}
 * @param format   {@code text} (default) or {@code json} (one JSON object per line)
 * @param file     a log file, rotated by size; without it the log goes to standard error (e.g. for journald)
 * @param maxSize  size at which the file is rotated (default {@code 50MB})
 * @param maxFiles rotated files kept beside the current one (default 5)
 * @param repeatWindow how long an identical repeated line is held back and counted instead (default {@code 60s})
 */
public record LoggingConfig(String level, Map<String, String> levels, String format, String file, String maxSize,
                            Integer maxFiles, String repeatWindow) {

    public LoggingConfig {
        level = level == null ? "info" : level;
        levels = Map.copyOf(levels == null ? Map.of() : levels);
        format = format == null ? "text" : format;
        maxSize = maxSize == null ? "50MB" : maxSize;
        maxFiles = maxFiles == null ? 5 : maxFiles;
        repeatWindow = repeatWindow == null ? "60s" : repeatWindow;
    }

    public static LoggingConfig defaults() {
        return new LoggingConfig(null, null, null, null, null, null, null);
    }
}
