package org.virtguard.logs.parse;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Supplies the year RFC 3164 timestamps leave out. For a file read in order it starts from a given year and
 * moves to the next year when the month goes backwards by more than six months (December to January). For a
 * live stream it takes the receive clock's year and, when that puts the line more than a week in the future
 * (a December line read in early January), the year before. The zone of the wall-clock times is UTC unless
 * given.
 */
public final class YearInference {

    private static final long WEEK_MILLIS = 7L * 86400_000L;

    private final Clock liveClock;
    private final ZoneOffset zone;
    private int year;
    private int lastMonth;

    private YearInference(Clock liveClock, int year, ZoneOffset zone) {
        this.liveClock = liveClock;
        this.year = year;
        this.zone = zone;
    }

    /** For a file read from its first line: lines start in {@code firstYear}. */
    public static YearInference startingIn(int firstYear, ZoneOffset zone) {
        if (firstYear < 1970 || firstYear > 9999) {
            throw new IllegalArgumentException("year out of range 1970..9999: " + firstYear);
        }
        return new YearInference(null, firstYear, zone);
    }

    /** For a live stream: the year around {@code clock}'s now. */
    public static YearInference live(Clock clock, ZoneOffset zone) {
        return new YearInference(clock, 0, zone);
    }

    /** Epoch milliseconds of a year-less local date-time, or {@link Timestamps#INVALID} (e.g. Feb 29 in a common year). */
    long resolve(int month, int day, int hour, int minute, int second) {
        int y;
        if (liveClock != null) {
            long now = liveClock.millis();
            y = java.time.Instant.ofEpochMilli(now).atOffset(zone).getYear();
            long candidate = millis(y, month, day, hour, minute, second);
            if (candidate != Timestamps.INVALID && candidate - now > WEEK_MILLIS) {
                y--;
            }
        } else {
            if (lastMonth != 0 && month < lastMonth - 6) {
                year++;
            }
            lastMonth = month;
            y = year;
        }
        return millis(y, month, day, hour, minute, second);
    }

    private long millis(int y, int month, int day, int hour, int minute, int second) {
        if (!Timestamps.validDate(y, month, day) || hour > 23 || minute > 59 || second > 60) {
            return Timestamps.INVALID;
        }
        long seconds = Timestamps.epochDay(y, month, day) * 86400L + hour * 3600L + minute * 60L + Math.min(second, 59);
        return (seconds - zone.getTotalSeconds()) * 1000;
    }
}
