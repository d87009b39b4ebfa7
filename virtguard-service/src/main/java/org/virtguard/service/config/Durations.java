package org.virtguard.service.config;

import java.time.Duration;

import org.virtguard.model.ErrorCode;
import org.virtguard.service.ServiceException;

/** Durations on the command line: a number and a unit, {@code s}, {@code m}, {@code h} or {@code d}. */
public final class Durations {

    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            if (amount < 0) {
                throw new NumberFormatException();
            }
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new ServiceException(ErrorCode.INVALID_CONFIG, "cannot read duration '" + text
                    + "': use e.g. 30s, 15m, 1h", true);
        }
    }
}
