package org.virtguard.exposure.nvd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares the version strings found in NVD match criteria and reported by hypervisors: {@code 6.5},
 * {@code 6.5.0}, {@code 7.0.3o}, {@code 8.0.2.00100}, {@code 7.2.0-rc1}, {@code 9.0.0}. The string is split
 * into runs of digits (compared as numbers) and letters (compared as text); separators are ignored; missing
 * trailing numbers count as zero ({@code 6.5 == 6.5.0}); pre-release words ({@code alpha}, {@code beta},
 * {@code rc}, {@code pre}, {@code dev}) sort before the release, other letters (update letters such as
 * {@code 7.0.3o}) after it.
 */
public final class NvdVersion {

    private static final Set<String> PRE_RELEASE = Set.of("alpha", "beta", "rc", "pre", "dev", "snapshot");

    private NvdVersion() {
    }

    /** Negative, zero or positive as {@code a} is before, equal to or after {@code b}. */
    public static int compare(String a, String b) {
        List<Object> x = tokens(a);
        List<Object> y = tokens(b);
        int n = Math.max(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            Object p = i < x.size() ? x.get(i) : null;
            Object q = i < y.size() ? y.get(i) : null;
            int c = compareToken(p, q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Whether {@code text} contains at least one number, so it can be compared at all. */
    public static boolean comparable(String text) {
        return text != null && text.chars().anyMatch(Character::isDigit);
    }

    private static int compareToken(Object p, Object q) {
        if (p == null && q == null) {
            return 0;
        }
        if (p == null) {
            return -compareToken(q, null);
        }
        if (q == null) {
            if (p instanceof Long l) {
                return l == 0 ? 0 : 1;
            }
            return PRE_RELEASE.contains((String) p) ? -1 : 1;
        }
        if (p instanceof Long l && q instanceof Long m) {
            return Long.compare(l, m);
        }
        if (p instanceof String s && q instanceof String t) {
            boolean sp = PRE_RELEASE.contains(s);
            boolean tp = PRE_RELEASE.contains(t);
            if (sp != tp) {
                return sp ? -1 : 1;
            }
            return s.compareTo(t);
        }
        // a number against letters: 1.0.1 sorts after 1.0rc1 and after 1.0a
        return p instanceof Long ? 1 : -1;
    }

    private static List<Object> tokens(String text) {
        List<Object> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String t = text.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && out.size() < 64) {
            char c = t.charAt(i);
            int start = i;
            if (Character.isDigit(c)) {
                while (i < t.length() && Character.isDigit(t.charAt(i))) {
                    i++;
                }
                String digits = t.substring(start, i).replaceFirst("^0+(?=\\d)", "");
                out.add(digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits));
            } else if (Character.isLetter(c)) {
                while (i < t.length() && Character.isLetter(t.charAt(i))) {
                    i++;
                }
                out.add(t.substring(start, i));
            } else {
                i++;
            }
        }
        return out;
    }
}
