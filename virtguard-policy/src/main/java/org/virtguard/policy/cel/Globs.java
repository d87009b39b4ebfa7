package org.virtguard.policy.cel;

import java.util.Locale;

/**
 * Shell-style matching with {@code *} and {@code ?}, without regular expressions, ignoring case character by
 * character as {@link String#equalsIgnoreCase} does. Allocates nothing: zone selectors match every vNIC's network
 * name against their patterns when views are made.
 */
public final class Globs {

    private Globs() {
    }

    public static boolean matches(String text, String pattern) {
        if (text == null || pattern == null) {
            return false;
        }
        int ti = 0;
        int pi = 0;
        int star = -1;
        int mark = 0;
        int tn = text.length();
        int pn = pattern.length();
        while (ti < tn) {
            char pc = pi < pn ? pattern.charAt(pi) : 0;
            if (pi < pn && pc != '*' && (pc == '?' || same(pc, text.charAt(ti)))) {
                ti++;
                pi++;
            } else if (pi < pn && pc == '*') {
                star = pi++;
                mark = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (pi < pn && pattern.charAt(pi) == '*') {
            pi++;
        }
        return pi == pn;
    }

    private static boolean same(char a, char b) {
        if (a == b) {
            return true;
        }
        char ua = Character.toUpperCase(a);
        char ub = Character.toUpperCase(b);
        return ua == ub || Character.toLowerCase(ua) == Character.toLowerCase(ub);
    }
}
