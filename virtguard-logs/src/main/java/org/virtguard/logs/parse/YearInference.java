package org.virtguard.logs.parse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Supplies the year RFC 3164 timestamps leave out, and the one rule every syslog path (file analysis,
 * {@code logs listen}, the service's syslog intake) follows: a year-less timestamp is never placed further in the
 * future than {@link #FUTURE_TOLERANCE} after the reference clock's now; such a line belongs to the year before,
 * as rsyslog decides.
 *
 * <p>For a file read in order the year starts from a given year and moves to the next year when the month goes
 * backwards by more than six months (December to January); a line that would then lie in the future moves the
 * file's year back by one. For a live stream it is the latest year that does not put the line in the future (a
 * December line read in early January belongs to last year; a January line read seconds before New Year, from a
 * sender whose clock runs slightly ahead, to next year). The zone of the wall-clock times is UTC unless given.
 */
public final class YearInference {

    /** How far ahead of the reference clock a year-less timestamp may lie: senders' clocks drift a little. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);

    private static final long TOLERANCE_MILLIS = FUTURE_TOLERANCE.toMillis();

    private final Clock clock;
    private final boolean live;
    private final ZoneOffset zone;
    private int year;
    private int lastMonth;

    private YearInference(Clock clock, boolean live, int year, ZoneOffset zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.live = live;
        this.year = year;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** For a file read from its first line: lines start in {@code firstYear}; the future is judged by the system clock. */
    public static YearInference startingIn(int firstYear, ZoneOffset zone) {
        return startingIn(firstYear, zone, Clock.systemUTC());
    }

    /** For a file read from its first line: lines start in {@code firstYear}, and none lies beyond {@code clock}'s now. */
    public static YearInference startingIn(int firstYear, ZoneOffset zone, Clock clock) {
        if (firstYear < 1970 || firstYear > 9999) {
            throw new IllegalArgumentException("year out of range 1970..9999: " + firstYear);
        }
        return new YearInference(clock, false, firstYear, zone);
    }

    /** For a live stream: the latest year that does not put a line beyond {@code clock}'s now. */
    public static YearInference live(Clock clock, ZoneOffset zone) {
        return new YearInference(clock, true, 0, zone);
    }

    /** Epoch milliseconds of a year-less local date-time, or {@link Timestamps#INVALID} (e.g. Feb 29 in a common year). */
    long resolve(int month, int day, int hour, int minute, int second) {
        long latest = clock.millis() + TOLERANCE_MILLIS;
        if (live) {
            int y = Instant.ofEpochMilli(latest).atOffset(zone).getYear();
            long candidate = millis(y, month, day, hour, minute, second);
            if (candidate == Timestamps.INVALID || candidate <= latest) {
                return candidate;
            }
            return millis(y - 1, month, day, hour, minute, second);
        }
        if (lastMonth != 0 && month < lastMonth - 6) {
            year++;
        }
        lastMonth = month;
        long candidate = millis(year, month, day, hour, minute, second);
        if (candidate != Timestamps.INVALID && candidate > latest) {
            int notAfter = Instant.ofEpochMilli(latest).atOffset(zone).getYear();
            year = Math.max(1970, Math.min(year - 1, notAfter));
            candidate = millis(year, month, day, hour, minute, second);
            if (candidate != Timestamps.INVALID && candidate > latest) {
                year = Math.max(1970, year - 1);
                candidate = millis(year, month, day, hour, minute, second);
            }
        }
        return candidate;
    }

    private long millis(int y, int month, int day, int hour, int minute, int second) {
        if (!Timestamps.validDate(y, month, day) || hour > 23 || minute > 59 || second > 60) {
            return Timestamps.INVALID;
        }
        long seconds = Timestamps.epochDay(y, month, day) * 86400L + hour * 3600L + minute * 60L + Math.min(second, 59);
        return (seconds - zone.getTotalSeconds()) * 1000;
    }
}
