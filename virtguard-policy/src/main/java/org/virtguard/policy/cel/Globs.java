package org.virtguard.policy.cel;

import java.util.Locale;

/** Case-insensitive shell-style matching with {@code *} and {@code ?}, without regular expressions. */
public final class Globs {

    private Globs() {
    }

    public static boolean matches(String text, String pattern) {
        if (text == null || pattern == null) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT);
        String p = pattern.toLowerCase(Locale.ROOT);
        int ti = 0;
        int pi = 0;
        int star = -1;
        int mark = 0;
        while (ti < t.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                ti++;
                pi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
