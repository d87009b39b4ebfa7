package org.virtguard.logs.parse;

/**
 * The header fields of one syslog line as offsets into the line, reused from line to line so that lines which
 * turn out not to be about authentication cost no allocation.
 */
public final class SyslogRecord {
    String line;
    long time;
    int hostStart;
    int hostEnd;
    int programStart;
    int programEnd;
    int pidStart;
    int pidEnd;
    int messageStart;

    void reset(String text) {
        line = text;
        time = Long.MIN_VALUE;
        hostStart = hostEnd = programStart = programEnd = pidStart = pidEnd = messageStart = 0;
    }

    /** The line this record describes. */
    public String line() {
        return line;
    }

    /** Event time in epoch milliseconds. */
    public long time() {
        return time;
    }

    /** The reporting host, or {@code "-"} when the header has none. */
    public String host() {
        return hostEnd > hostStart ? line.substring(hostStart, hostEnd) : "-";
    }

    /** The program (syslog tag or RFC 5424 APP-NAME). */
    public String program() {
        return line.substring(programStart, programEnd);
    }

    /** Where the free-text message starts in {@link #line()}. */
    public int messageStart() {
        return messageStart;
    }

    /** Whether the program name equals {@code name}, ignoring case, without allocating. */
    public boolean programIs(String name) {
        return programEnd - programStart == name.length() && line.regionMatches(true, programStart, name, 0, name.length());
    }

    /** Whether the program name starts with {@code prefix}, ignoring case. */
    public boolean programStartsWith(String prefix) {
        return programEnd - programStart >= prefix.length()
                && line.regionMatches(true, programStart, prefix, 0, prefix.length());
    }

    /** Whether the message contains {@code text}. */
    public boolean messageContains(String text) {
        return line.indexOf(text, messageStart) >= 0;
    }

    /** Whether the message starts with {@code text}. */
    public boolean messageStartsWith(String text) {
        return line.startsWith(text, messageStart);
    }
}
