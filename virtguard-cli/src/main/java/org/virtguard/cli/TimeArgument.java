package org.virtguard.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.virtguard.model.ErrorCode;

/**
 * Parses times given on the command line: an ISO instant ({@code 2026-11-22T10:00:00Z}), an offset or
 * local date-time, a date ({@code 2026-11-22}, start of day), or an age ({@code 30m}, {@code 12h},
 * {@code 7d}, {@code 2w}) counted back from now.
 */
public final class TimeArgument {

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhdw])");

    private TimeArgument() {
    }

    public static Instant parse(String text, Clock clock) {
        String value = text.trim();
        Matcher age = AGE.matcher(value);
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(7 * amount);
            };
            return clock.instant().minus(d);
        }
        ZoneId zone = clock.getZone();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliException(ErrorCode.INVALID_CONFIG, "cannot read time '" + text
                    + "': use 2026-11-22T10:00:00Z, 2026-11-22, or an age such as 30m, 12h, 7d", ExitCodes.USAGE);
        }
    }
}
