package org.virtguard.model.net;

/** Reads and writes IPv4 and IPv6 address literals as two 64-bit words, without name resolution. */
final class IpLiteral {

    private IpLiteral() {
    }

    /**
     * Parses an address literal into {@code words} ({high, low}; IPv4 in the low word). Returns 4 or 6 for the
     * family, or 0 when {@code text} is not a literal (host names, zone ids and anything malformed).
     */
    static int parse(String text, long[] words) {
        if (text.isEmpty()) {
            return 0;
        }
        if (text.indexOf(':') < 0) {
            long v = ipv4(text, 0, text.length());
            if (v < 0) {
                return 0;
            }
            words[0] = 0;
            words[1] = v;
            return 4;
        }
        return ipv6(text, words) ? 6 : 0;
    }

    /** The IPv4 address in {@code text[from, to)} as an unsigned 32-bit value, or -1. */
    private static long ipv4(String text, int from, int to) {
        long v = 0;
        int parts = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int n = 0;
            while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                n = n * 10 + (text.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            if (i == start || n > 255 || (i - start > 1 && text.charAt(start) == '0')) {
                return -1; // a leading zero is read as octal by some tools: ambiguous, so refused
            }
            v = (v << 8) | n;
            parts++;
            if (i == to) {
                break;
            }
            if (text.charAt(i) != '.' || parts == 4) {
                return -1;
            }
            i++;
        }
        return parts == 4 ? v : -1;
    }

    private static boolean ipv6(String text, long[] words) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = text.length();
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.charAt(0) == ':') {
            return false;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && hex(text.charAt(i)) >= 0 && i - start < 5) {
                value = (value << 4) | hex(text.charAt(i));
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                long v4 = count <= 6 ? ipv4(text, start, n) : -1;
                if (v4 < 0) {
                    return false;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = n;
                break;
            }
            if (i == start || i - start > 4 || count == 8) {
                return false;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = count;
                i++;
            } else if (i == n) {
                return false;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return false;
        }
        int[] full = new int[8];
        if (gap < 0) {
            System.arraycopy(groups, 0, full, 0, 8);
        } else {
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - (count - gap), count - gap);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        words[0] = hi;
        words[1] = lo;
        return true;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    static String formatIpv4(long v) {
        return IpAddressText.formatIpv4(v);
    }

    /** RFC 5952, see {@link IpAddressText}. */
    static String formatIpv6(long hi, long lo) {
        return IpAddressText.formatIpv6(hi, lo);
    }
}
