package org.virtguard.service.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the {@code logging:} and {@code disk:} sections. */
final class OperationsValidator {

    /** Log levels, lower case. */
    static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace", "off");
    private static final Pattern LOGGER_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.-]{0,199}");

    private final ValueChecks checks;
    private final ConfigProblems problems;

    private OperationsValidator(ValueChecks checks) {
        this.checks = checks;
        this.problems = checks.problems();
    }

    static void validate(LoggingConfig logging, DiskConfig disk, ValueChecks checks) {
        OperationsValidator validator = new OperationsValidator(checks);
        validator.logging(logging);
        validator.disk(disk);
    }

    private void logging(LoggingConfig logging) {
        level("logging.level", logging.level());
        for (Map.Entry<String, String> e : logging.levels().entrySet()) {
            if (!LOGGER_NAME.matcher(e.getKey()).matches()) {
                problems.value("logging.levels", "'" + e.getKey() + "' is not a logger name (e.g. org.virtguard.store)");
            }
            level("logging.levels." + e.getKey(), e.getValue());
        }
        if (!Set.of("text", "json").contains(logging.format().toLowerCase(Locale.ROOT))) {
            problems.value("logging.format", "must be text or json, not '" + logging.format() + "'");
        }
        if (logging.file() != null && logging.file().isBlank()) {
            problems.value("logging.file", "is empty; leave it out to log to standard error");
        }
        Long maxSize = size("logging.maxSize", logging.maxSize());
        if (maxSize != null && maxSize < 64 * 1024) {
            problems.value("logging.maxSize", "must be at least 64KB");
        }
        checks.range("logging.maxFiles", logging.maxFiles(), 0, 1000);
        checks.duration("logging.repeatWindow", logging.repeatWindow());
    }

    private void disk(DiskConfig disk) {
        Long minFree = size("disk.minFree", disk.minFree());
        Long warnFree = size("disk.warnFree", disk.warnFree());
        if (minFree != null && warnFree != null && warnFree < minFree) {
            problems.value("disk.warnFree", "must not be smaller than disk.minFree (" + disk.minFree() + ")");
        }
        size("disk.storeAlarm", disk.storeAlarm());
        size("disk.spoolAlarm", disk.spoolAlarm());
        size("disk.outageAlarm", disk.outageAlarm());
        if (disk.auditAlarm() < 1) {
            problems.value("disk.auditAlarm", "must be at least 1");
        }
    }

    private void level(String path, String level) {
        if (level == null || !LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
            problems.value(path, "must be one of error, warn, info, debug, trace, off; not '" + level + "'");
        }
    }

    private Long size(String path, String text) {
        try {
            return ByteSizes.parse(text);
        } catch (RuntimeException e) {
            problems.value(path, e.getMessage());
            return null;
        }
    }
}
