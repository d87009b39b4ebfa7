package org.virtguard.logs.parse;

/** Small substring helpers for the product parsers; they allocate only the field they return. */
final class Text {

    static final int MAX_FIELD = 256;

    private Text() {
    }

    /** Index just past {@code marker} at or after {@code from}, or -1. */
    static int after(String line, String marker, int from) {
        int i = line.indexOf(marker, from);
        return i < 0 ? -1 : i + marker.length();
    }

    /** The token starting at {@code start}, ending at a space, tab, or one of {@code ];,)'"}; null when empty. */
    static String token(String line, int start) {
        if (start < 0 || start >= line.length()) {
            return null;
        }
        int end = start;
        int n = line.length();
        while (end < n && end - start < MAX_FIELD) {
            char c = line.charAt(end);
            if (c == ' ' || c == '\t' || c == ']' || c == ';' || c == ',' || c == ')' || c == '\'' || c == '"') {
                break;
            }
            end++;
        }
        return end == start ? null : line.substring(start, end);
    }

    /** The text between {@code start} and the next {@code end} marker, bounded; null when absent. */
    static String until(String line, int start, String end) {
        if (start < 0) {
            return null;
        }
        int e = line.indexOf(end, start);
        if (e < 0 || e - start > MAX_FIELD) {
            return null;
        }
        return line.substring(start, e);
    }

    /** The value of a {@code key=value} pair (value up to white space), or null when absent or empty. */
    static String keyValue(String line, String key, int from) {
        int i = from;
        while (true) {
            i = line.indexOf(key, i);
            if (i < 0) {
                return null;
            }
            if (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == ';' || line.charAt(i - 1) == '[') {
                return token(line, i + key.length());
            }
            i += key.length();
        }
    }

    /** A non-negative decimal at {@code start}, or -1. */
    static int number(String line, int start) {
        int v = 0;
        int i = start;
        while (i < line.length() && i - start < 9 && Character.isDigit(line.charAt(i))) {
            v = v * 10 + (line.charAt(i) - '0');
            i++;
        }
        return i == start ? -1 : v;
    }
}
