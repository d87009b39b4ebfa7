package org.virtguard.service.logging;

import java.time.format.DateTimeFormatter;

/** Renders an event as one line: text for people and journald, or one JSON object for log shippers. */
final class LineFormat {

    private LineFormat() {
    }

    /** The event as one line without its end-of-line; a stack trace, when present, follows on its own lines. */
    static String render(LogEvent e, boolean json) {
        return json ? json(e) : text(e);
    }

    private static String text(LogEvent e) {
        StringBuilder b = new StringBuilder(160);
        b.append(DateTimeFormatter.ISO_INSTANT.format(e.at())).append(' ').append(e.level()).append(' ')
                .append(e.logger()).append(" [").append(oneLine(e.thread())).append("] ").append(oneLine(e.message()));
        if (e.error() != null) {
            b.append(": ").append(oneLine(e.error()));
        }
        if (e.code() != null) {
            b.append(" [").append(e.code()).append(']');
        }
        if (e.repeated() > 0) {
            b.append(" (repeated ").append(e.repeated()).append(" more times)");
        }
        if (e.stack() != null) {
            b.append(System.lineSeparator()).append(e.stack().stripTrailing());
        }
        return b.toString();
    }

    private static String json(LogEvent e) {
        StringBuilder b = new StringBuilder(200);
        b.append("{\"time\":\"").append(DateTimeFormatter.ISO_INSTANT.format(e.at())).append("\",\"level\":\"")
                .append(e.level()).append('"');
        field(b, "logger", e.logger());
        field(b, "thread", e.thread());
        field(b, "message", e.message());
        field(b, "code", e.code());
        field(b, "error", e.error());
        if (e.repeated() > 0) {
            b.append(",\"repeated\":").append(e.repeated());
        }
        field(b, "stack", e.stack());
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        if (value == null) {
            return;
        }
        b.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** Control characters (line breaks included) shown escaped, so that one event is one line. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                if (b == null) {
                    b = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                b.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? " " : String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }
}
