package org.virtguard.service.logging;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.virtguard.service.config.ByteSizes;
import org.virtguard.service.config.Durations;
import org.virtguard.service.config.LoggingConfig;

/**
 * What the log writes and where: a level, levels by logger-name prefix (the longest matching prefix wins), text or
 * JSON lines, standard error or a file rotated by size, and the window in which identical warnings and errors are
 * counted instead of repeated.
 *
 * @param level        level of loggers no prefix names
 * @param levels       levels by logger-name prefix
 * @param json         one JSON object per line instead of text
 * @param file         the log file, or {@code null} for standard error
 * @param maxFileBytes size at which the file is rotated
 * @param maxFiles     rotated files kept
 * @param repeatWindow identical warnings and errors within this window after the first are counted, not written
 */
public record LogSettings(LogLevel level, Map<String, LogLevel> levels, boolean json, Path file, long maxFileBytes,
                          int maxFiles, Duration repeatWindow) {

    /** Quiet third-party defaults, overridden by any level configured for the same prefix. */
    static final Map<String, LogLevel> LIBRARY_LEVELS = Map.of(
            "com.zaxxer.hikari", LogLevel.WARN,
            "org.flywaydb", LogLevel.WARN,
            "org.eclipse.jetty", LogLevel.WARN,
            "io.javalin", LogLevel.WARN,
            "org.jdbi", LogLevel.WARN);

    public LogSettings {
        Objects.requireNonNull(level, "level");
        Map<String, LogLevel> all = new LinkedHashMap<>(LIBRARY_LEVELS);
        all.putAll(levels == null ? Map.of() : levels);
        levels = Map.copyOf(all);
        Objects.requireNonNull(repeatWindow, "repeatWindow");
    }

    /** Text on standard error at {@code level}, identical warnings and errors counted for a minute. */
    public static LogSettings standardError(LogLevel level) {
        return new LogSettings(level, Map.of(), false, null, 50L << 20, 5, Duration.ofMinutes(1));
    }

    /** The settings of a validated {@code logging:} section. */
    public static LogSettings of(LoggingConfig c) {
        Map<String, LogLevel> byPrefix = new LinkedHashMap<>();
        c.levels().forEach((prefix, level) -> byPrefix.put(prefix, LogLevel.parse(level)));
        return new LogSettings(LogLevel.parse(c.level()), byPrefix, "json".equalsIgnoreCase(c.format()),
                c.file() == null ? null : Path.of(c.file()), ByteSizes.parse(c.maxSize()), c.maxFiles(),
                Durations.parse(c.repeatWindow()));
    }

    /** The level of logger {@code name}. */
    public LogLevel levelOf(String name) {
        List<String> prefixes = levels.keySet().stream().filter(p -> name.equals(p) || name.startsWith(p + "."))
                .sorted(Comparator.comparingInt(String::length).reversed()).limit(1).toList();
        return prefixes.isEmpty() ? level : levels.get(prefixes.get(0));
    }
}
