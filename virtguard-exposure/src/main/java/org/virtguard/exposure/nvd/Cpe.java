package org.virtguard.exposure.nvd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CPE 2.3 formatted string ({@code cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:
 * target_sw:target_hw:other}). Components keep their escaped form ({@code \:}, {@code \\}, {@code \*},
 * {@code \?}); an unescaped {@code *} alone means ANY, {@code -} means NOT APPLICABLE, and unescaped
 * {@code *}/{@code ?} inside a value are wildcards (CPE Name Matching, NISTIR 7696).
 */
public record Cpe(String part, String vendor, String product, String version, String update, String edition,
                  String language, String swEdition, String targetSw, String targetHw, String other) {

    /** The longest formatted string accepted. */
    public static final int MAX_LENGTH = 1024;
    public static final String ANY = "*";
    public static final String NA = "-";

    /**
     * Parses a formatted string.
     *
     * @throws IllegalArgumentException naming what is wrong, for a string that is not CPE 2.3
     */
    public static Cpe parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CPE is missing");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("CPE longer than " + MAX_LENGTH + " characters");
        }
        List<String> parts = split(text);
        if (parts.size() != 13 || !parts.get(0).equals("cpe") || !parts.get(1).equals("2.3")) {
            throw new IllegalArgumentException("not a CPE 2.3 formatted string (expected 13 ':'-separated fields "
                    + "starting cpe:2.3): '" + shorten(text) + "'");
        }
        String part = parts.get(2);
        if (!part.equals("a") && !part.equals("o") && !part.equals("h") && !part.equals(ANY)) {
            throw new IllegalArgumentException("CPE part must be a, o, h or *: '" + shorten(text) + "'");
        }
        for (int i = 3; i < 13; i++) {
            if (parts.get(i).isEmpty()) {
                throw new IllegalArgumentException("CPE field " + (i - 1) + " is empty: '" + shorten(text) + "'");
            }
        }
        return new Cpe(part, lower(parts.get(3)), lower(parts.get(4)), lower(parts.get(5)), lower(parts.get(6)),
                lower(parts.get(7)), lower(parts.get(8)), lower(parts.get(9)), lower(parts.get(10)),
                lower(parts.get(11)), lower(parts.get(12)));
    }

    /** {@code vendor:product}, the key products are indexed by. */
    public String key() {
        return vendor + ":" + product;
    }

    /** The component without its escapes, for people and version comparison. */
    public static String unescape(String component) {
        StringBuilder out = new StringBuilder(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '\\' && i + 1 < component.length()) {
                out.append(component.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@code pattern} (a match criterion's component) matches {@code value} (a component of a name). */
    public static boolean componentMatches(String pattern, String value) {
        if (pattern.equals(ANY)) {
            return true;
        }
        if (pattern.equals(NA) || value.equals(NA)) {
            return pattern.equals(value);
        }
        if (value.equals(ANY)) {
            return false;
        }
        return glob(pattern, value);
    }

    private static final char STAR = '\uE000';
    private static final char ONE = '\uE001';

    /** Wildcard matching without backtracking blow-up: the greedy two-pointer algorithm, O(pattern x value). */
    private static boolean glob(String pattern, String value) {
        String p = tokens(pattern, true);
        String v = tokens(value, false);
        int pi = 0;
        int vi = 0;
        int star = -1;
        int mark = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == ONE || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == STAR) {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == STAR) {
            pi++;
        }
        return pi == p.length();
    }

    /** The component unescaped, with unescaped {@code *}/{@code ?} of a pattern as private-use markers. */
    private static String tokens(String component, boolean pattern) {
        StringBuilder out = new StringBuilder(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '\\' && i + 1 < component.length()) {
                out.append(component.charAt(++i));
            } else if (pattern && c == '*') {
                out.append(STAR);
            } else if (pattern && c == '?') {
                out.append(ONE);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>(13);
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw new IllegalArgumentException("CPE ends with a lone escape '\\': '" + shorten(text) + "'");
                }
                char next = text.charAt(i + 1);
                if (Character.isLetterOrDigit(next) || next == '_') {
                    throw new IllegalArgumentException("CPE escapes a character that needs none ('\\" + next
                            + "'): '" + shorten(text) + "'");
                }
                current.append(c).append(next);
                i++;
            } else if (c == ':') {
                parts.add(current.toString());
                current.setLength(0);
                if (parts.size() > 13) {
                    break;
                }
            } else if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("CPE contains a character outside printable ASCII: '"
                        + shorten(text) + "'");
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String shorten(String text) {
        String s = text.length() > 120 ? text.substring(0, 120) + "…" : text;
        return s.replaceAll("[\\p{Cntrl}]", "?");
    }

    @Override
    public String toString() {
        return String.join(":", "cpe", "2.3", part, vendor, product, version, update, edition, language, swEdition,
                targetSw, targetHw, other);
    }
}
