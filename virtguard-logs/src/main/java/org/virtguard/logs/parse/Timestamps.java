package org.virtguard.logs.parse;

/** Allocation-free parsing of syslog timestamps into epoch milliseconds; {@link #INVALID} when malformed. */
final class Timestamps {

    static final long INVALID = Long.MIN_VALUE;
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private Timestamps() {
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (no validation). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = (month + 9) % 12;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    static boolean validDate(int year, int month, int day) {
        if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        int max = switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= max;
    }

    static int digits(CharSequence s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The month 1..12 of a three-letter English abbreviation at {@code from}, else -1. */
    static int month(CharSequence s, int from) {
        if (from + 3 > s.length()) {
            return -1;
        }
        for (int m = 0; m < 12; m++) {
            int o = m * 3;
            if (Character.toLowerCase(s.charAt(from)) == Character.toLowerCase(MONTHS.charAt(o))
                    && Character.toLowerCase(s.charAt(from + 1)) == MONTHS.charAt(o + 1)
                    && Character.toLowerCase(s.charAt(from + 2)) == MONTHS.charAt(o + 2)) {
                return m + 1;
            }
        }
        return -1;
    }

    /**
     * Parses an ISO-8601 / RFC 3339 timestamp {@code YYYY-MM-DDTHH:MM:SS[.frac][Z|+hh:mm|-hh:mm]} spanning
     * {@code [from, to)}; a missing offset means UTC.
     */
    static long iso(CharSequence s, int from, int to) {
        if (to - from < 19) {
            return INVALID;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        int hour = digits(s, from + 11, 2);
        int min = digits(s, from + 14, 2);
        int sec = digits(s, from + 17, 2);
        char t = s.charAt(from + 10);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || min < 0 || sec < 0 || s.charAt(from + 4) != '-'
                || s.charAt(from + 7) != '-' || (t != 'T' && t != ' ') || s.charAt(from + 13) != ':'
                || s.charAt(from + 16) != ':' || !validDate(year, month, day) || hour > 23 || min > 59 || sec > 60) {
            return INVALID;
        }
        int i = from + 19;
        int millis = 0;
        if (i < to && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            int scale = 100;
            int start = i;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (scale > 0) {
                    millis += (s.charAt(i) - '0') * scale;
                    scale /= 10;
                }
                i++;
            }
            if (i == start || i - start > 9) {
                return INVALID;
            }
        }
        long offsetMinutes = 0;
        if (i < to) {
            char z = s.charAt(i);
            if (z == 'Z' || z == 'z') {
                i++;
            } else if ((z == '+' || z == '-') && i + 6 <= to && s.charAt(i + 3) == ':') {
                int oh = digits(s, i + 1, 2);
                int om = digits(s, i + 4, 2);
                if (oh < 0 || om < 0 || oh > 23 || om > 59) {
                    return INVALID;
                }
                offsetMinutes = (oh * 60L + om) * (z == '-' ? -1 : 1);
                i += 6;
            } else {
                return INVALID;
            }
        }
        if (i != to) {
            return INVALID;
        }
        long seconds = epochDay(year, month, day) * 86400L + hour * 3600L + min * 60L + Math.min(sec, 59);
        return (seconds - offsetMinutes * 60) * 1000 + millis;
    }
}
