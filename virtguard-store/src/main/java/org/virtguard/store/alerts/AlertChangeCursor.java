package org.virtguard.store.alerts;

import java.util.Objects;

/**
 * A position in the order alerts were written: the write's sequence number and, to order the alerts written before
 * the numbering existed (all {@code 0}), the alert key.
 *
 * @param seq the change sequence number
 * @param key the alert key
 */
public record AlertChangeCursor(long seq, String key) {

    /** Before every alert. */
    public static final AlertChangeCursor START = new AlertChangeCursor(-1, "");

    public AlertChangeCursor {
        Objects.requireNonNull(key, "key");
    }

    /** The text kept in a cursor file: {@code seq} and key, separated by one space. */
    public String text() {
        return seq + " " + key;
    }

    /**
     * Reads {@link #text()}.
     *
     * @throws IllegalArgumentException when the text is not a cursor
     */
    public static AlertChangeCursor parse(String text) {
        String t = text.strip();
        int space = t.indexOf(' ');
        try {
            return space < 0 ? new AlertChangeCursor(Long.parseLong(t), "")
                    : new AlertChangeCursor(Long.parseLong(t.substring(0, space)), t.substring(space + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an alert cursor: '" + t + "'");
        }
    }
}
