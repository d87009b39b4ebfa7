package org.virtguard.logs.parse;

/**
 * Reads the syslog header of one line into a {@link SyslogRecord}: RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP
 * PROCID MSGID SD MSG}), RFC 3164 ({@code [<PRI>]Mmm dd hh:mm:ss HOST TAG[PID]: MSG}, year from
 * {@link YearInference}) and the ESXi variant of 3164 with an ISO timestamp. Allocation-free.
 */
public final class SyslogHeaderParser {

    /** How a header parse ended. */
    public enum Result { OK, BAD_HEADER, BAD_TIMESTAMP }

    private final YearInference years;

    public SyslogHeaderParser(YearInference years) {
        this.years = years;
    }

    /** Parses {@code line} into {@code out}. */
    public Result parse(String line, SyslogRecord out) {
        out.reset(line);
        int n = line.length();
        int i = 0;
        if (n > 0 && line.charAt(0) == '<') {
            int close = -1;
            for (int j = 1; j < Math.min(n, 5); j++) {
                if (line.charAt(j) == '>') {
                    close = j;
                    break;
                }
            }
            if (close < 2) {
                return Result.BAD_HEADER;
            }
            int pri = Timestamps.digits(line, 1, close - 1);
            if (pri < 0 || pri > 191) {
                return Result.BAD_HEADER;
            }
            i = close + 1;
            if (i + 1 < n && line.charAt(i) == '1' && line.charAt(i + 1) == ' ') {
                return rfc5424(line, i + 2, out);
            }
        }
        if (i < n && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            int end = line.indexOf(' ', i);
            if (end < 0) {
                return Result.BAD_HEADER;
            }
            long t = Timestamps.iso(line, i, end);
            if (t == Timestamps.INVALID) {
                return Result.BAD_TIMESTAMP;
            }
            out.time = t;
            return hostAndTag(line, end + 1, out);
        }
        return rfc3164(line, i, out);
    }

    private Result rfc3164(String line, int i, SyslogRecord out) {
        int n = line.length();
        if (i + 15 > n) {
            return Result.BAD_HEADER;
        }
        int month = Timestamps.month(line, i);
        if (month < 0 || line.charAt(i + 3) != ' ') {
            return Result.BAD_HEADER;
        }
        char d1 = line.charAt(i + 4);
        int day = d1 == ' ' ? Timestamps.digits(line, i + 5, 1) : Timestamps.digits(line, i + 4, 2);
        int hour = Timestamps.digits(line, i + 7, 2);
        int minute = Timestamps.digits(line, i + 10, 2);
        int second = Timestamps.digits(line, i + 13, 2);
        if (day < 0 || hour < 0 || minute < 0 || second < 0 || line.charAt(i + 6) != ' '
                || line.charAt(i + 9) != ':' || line.charAt(i + 12) != ':') {
            return Result.BAD_TIMESTAMP;
        }
        long t = years.resolve(month, day, hour, minute, second);
        if (t == Timestamps.INVALID) {
            return Result.BAD_TIMESTAMP;
        }
        out.time = t;
        int next = i + 15;
        if (next < n && line.charAt(next) == ' ') {
            next++;
        }
        return hostAndTag(line, next, out);
    }

    private Result hostAndTag(String line, int i, SyslogRecord out) {
        int n = line.length();
        int sp = line.indexOf(' ', i);
        if (sp < 0) {
            return Result.BAD_HEADER;
        }
        int firstTokenEnd = sp;
        boolean firstIsTag = line.charAt(sp - 1) == ':' || line.lastIndexOf('[', sp) >= i;
        int tagStart = i;
        if (!firstIsTag) {
            out.hostStart = i;
            out.hostEnd = firstTokenEnd;
            tagStart = sp + 1;
            while (tagStart < n && line.charAt(tagStart) == ' ') {
                tagStart++;
            }
        }
        int j = tagStart;
        while (j < n) {
            char c = line.charAt(j);
            if (c == '[' || c == ':' || c == ' ') {
                break;
            }
            j++;
        }
        if (j == tagStart) {
            return Result.BAD_HEADER;
        }
        out.programStart = tagStart;
        out.programEnd = j;
        if (j < n && line.charAt(j) == '[') {
            int close = line.indexOf(']', j);
            if (close < 0) {
                return Result.BAD_HEADER;
            }
            out.pidStart = j + 1;
            out.pidEnd = close;
            j = close + 1;
        }
        if (j < n && line.charAt(j) == ':') {
            j++;
        }
        while (j < n && line.charAt(j) == ' ') {
            j++;
        }
        out.messageStart = j;
        return Result.OK;
    }

    private Result rfc5424(String line, int i, SyslogRecord out) {
        int n = line.length();
        int tsEnd = line.indexOf(' ', i);
        if (tsEnd < 0) {
            return Result.BAD_HEADER;
        }
        if (tsEnd - i == 1 && line.charAt(i) == '-') {
            return Result.BAD_TIMESTAMP;
        }
        long t = Timestamps.iso(line, i, tsEnd);
        if (t == Timestamps.INVALID) {
            return Result.BAD_TIMESTAMP;
        }
        out.time = t;
        int hostEnd = line.indexOf(' ', tsEnd + 1);
        if (hostEnd < 0) {
            return Result.BAD_HEADER;
        }
        if (!(hostEnd - tsEnd == 2 && line.charAt(tsEnd + 1) == '-')) {
            out.hostStart = tsEnd + 1;
            out.hostEnd = hostEnd;
        }
        int appEnd = line.indexOf(' ', hostEnd + 1);
        if (appEnd < 0 || appEnd == hostEnd + 1) {
            return Result.BAD_HEADER;
        }
        out.programStart = hostEnd + 1;
        out.programEnd = appEnd;
        int procEnd = line.indexOf(' ', appEnd + 1);
        if (procEnd < 0) {
            return Result.BAD_HEADER;
        }
        if (!(procEnd - appEnd == 2 && line.charAt(appEnd + 1) == '-')) {
            out.pidStart = appEnd + 1;
            out.pidEnd = procEnd;
        }
        int msgIdEnd = line.indexOf(' ', procEnd + 1);
        if (msgIdEnd < 0) {
            return Result.BAD_HEADER;
        }
        int j = msgIdEnd + 1;
        if (j >= n) {
            return Result.BAD_HEADER;
        }
        if (line.charAt(j) == '-') {
            j++;
        } else if (line.charAt(j) == '[') {
            j = skipStructuredData(line, j);
            if (j < 0) {
                return Result.BAD_HEADER;
            }
        } else {
            return Result.BAD_HEADER;
        }
        while (j < n && line.charAt(j) == ' ') {
            j++;
        }
        if (j < n && line.charAt(j) == '\uFEFF') {
            j++;
        }
        out.messageStart = j;
        return Result.OK;
    }

    private static int skipStructuredData(String line, int j) {
        int n = line.length();
        while (j < n && line.charAt(j) == '[') {
            boolean quoted = false;
            j++;
            while (true) {
                if (j >= n) {
                    return -1;
                }
                char c = line.charAt(j);
                if (quoted && c == '\\') {
                    j += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ']' && !quoted) {
                    j++;
                    break;
                }
                j++;
            }
        }
        return j;
    }
}
