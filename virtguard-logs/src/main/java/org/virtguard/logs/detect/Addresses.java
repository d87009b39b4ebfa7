package org.virtguard.logs.detect;

/** Tells IP address literals from host names without resolving anything. */
final class Addresses {

    private Addresses() {
    }

    /** Whether {@code text} is an IPv4 dotted quad or looks like an IPv6 literal. */
    static boolean looksLikeIp(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return false;
        }
        if (text.indexOf(':') >= 0) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return false;
                }
            }
            return true;
        }
        int parts = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i == text.length() ? '.' : text.charAt(i);
            if (c == '.') {
                if (value < 0 || value > 255) {
                    return false;
                }
                parts++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 4;
    }
}
