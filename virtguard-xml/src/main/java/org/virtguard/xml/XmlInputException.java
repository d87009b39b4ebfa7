package org.virtguard.xml;

import java.util.Objects;

/**
 * XML input was rejected: malformed, hostile (DTD, external entity, entity expansion, excessive nesting)
 * or too large. The message is one line of the form {@code origin[:line[:column]]: what went wrong}.
 */
public class XmlInputException extends Exception {

    /** Why the input was rejected. */
    public enum Reason {
        /** Not well-formed XML. */
        MALFORMED,
        /** A forbidden construct: DOCTYPE, external entity, entity expansion, or a processing limit hit. */
        HOSTILE,
        /** Larger than the configured size limit. */
        TOO_LARGE
    }

    private final Reason reason;
    private final String origin;
    private final int line;
    private final int column;
    private final String detail;

    /**
     * @param reason why the input was rejected
     * @param origin file name or source label of the input
     * @param line   1-based line, or {@code -1} when unknown
     * @param column 1-based column, or {@code -1} when unknown
     * @param detail what went wrong, without the location prefix
     * @param cause  the parser's exception, if any
     */
    public XmlInputException(Reason reason, String origin, int line, int column, String detail, Throwable cause) {
        super(format(origin, line, column, detail), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.origin = origin == null ? "input" : origin;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    /** The file name or source label given when parsing. */
    public String origin() {
        return origin;
    }

    /** 1-based line of the problem, or {@code -1} when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, or {@code -1} when unknown. */
    public int column() {
        return column;
    }

    /** What went wrong, without the location prefix. */
    public String detail() {
        return detail;
    }

    private static String format(String origin, int line, int column, String detail) {
        StringBuilder sb = new StringBuilder(origin == null ? "input" : origin);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(oneLine(detail)).toString();
    }

    static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "invalid XML";
        }
        return text.replaceAll("\\s+", " ").trim();
    }
}
