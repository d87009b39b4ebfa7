package org.virtguard.policy.eval;

import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Evidence values as text for people: lists joined with commas, maps as {@code key: value} pairs, nothing in Java's
 * {@code [a, b]} or {@code {k=v}} notation. Bounded: long values are cut with a note.
 */
public final class EvidenceText {

    private static final int MAX_LENGTH = 2_000;
    private static final int MAX_DEPTH = 4;

    private EvidenceText() {
    }

    /** The value as text. */
    public static String of(Object value) {
        StringBuilder b = new StringBuilder();
        append(b, value, 0);
        if (b.length() > MAX_LENGTH) {
            return b.substring(0, MAX_LENGTH) + "… (" + b.length() + " characters in all)";
        }
        return b.toString();
    }

    private static void append(StringBuilder b, Object value, int depth) {
        if (b.length() > MAX_LENGTH) {
            return;
        }
        if (value == null) {
            b.append("none");
        } else if (depth >= MAX_DEPTH && (value instanceof Map<?, ?> || value instanceof Collection<?>)) {
            b.append("…");
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                b.append("none");
                return;
            }
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(first ? "" : "; ").append(e.getKey()).append(": ");
                boolean nested = e.getValue() instanceof Map<?, ?> || e.getValue() instanceof Collection<?>;
                b.append(nested ? "(" : "");
                append(b, e.getValue(), depth + 1);
                b.append(nested ? ")" : "");
                first = false;
            }
        } else if (value instanceof Collection<?> list) {
            if (list.isEmpty()) {
                b.append("none");
                return;
            }
            StringJoiner j = new StringJoiner(", ");
            for (Object o : list) {
                StringBuilder item = new StringBuilder();
                append(item, o, depth + 1);
                j.add(o instanceof Map<?, ?> ? "(" + item + ")" : item);
            }
            b.append(j);
        } else {
            b.append(value);
        }
    }
}
