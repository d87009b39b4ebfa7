package org.virtguard.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How cell values become text: dates in UTC, booleans as yes/no, over-long or malformed text made safe. */
final class CellText {

    /** The longest text a spreadsheet cell holds (Excel's limit). */
    static final int MAX_CELL_CHARS = 32_767;
    private static final String TRUNCATED = "…[truncated]";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private CellText() {
    }

    /** The text of any cell value, as the CSV files carry it and as dates are shown in the workbook. */
    static String of(Object value) {
        return switch (value) {
            case null -> "";
            case String s -> bounded(s);
            case Boolean b -> b ? "yes" : "no";
            case Instant t -> DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
            case Long n -> n.toString();
            case Integer n -> n.toString();
            default -> throw new IllegalArgumentException("unsupported cell type " + value.getClass().getSimpleName());
        };
    }

    /**
     * The text without characters XML 1.0 cannot carry (control characters other than tab and line breaks,
     * unpaired surrogates, U+FFFE/U+FFFF), each replaced by U+FFFD, and cut to {@link #MAX_CELL_CHARS}.
     */
    static String bounded(String s) {
        String text = s.length() > MAX_CELL_CHARS
                ? s.substring(0, MAX_CELL_CHARS - TRUNCATED.length()) + TRUNCATED : s;
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (ok) {
                    if (b != null) {
                        b.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = !Character.isLowSurrogate(c) && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                        && c != 0xFFFE && c != 0xFFFF;
            }
            if (!ok && b == null) {
                b = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (b != null) {
                b.append(ok ? c : '\uFFFD');
            }
        }
        return b == null ? text : b.toString();
    }
}
