package org.virtguard.model.net;

import java.net.InetAddress;

/**
 * The one text form of IP addresses in every output, store and page: RFC 5952 for IPv6 (lower case, no leading
 * zeros, the longest run of two or more zero groups written as {@code ::}, the first on a tie, IPv4-mapped
 * addresses as {@code ::ffff:192.0.2.1}) and dotted decimal for IPv4. {@link InetAddress#getHostAddress()} is not
 * RFC 5952 (it never compresses) and must not be used for text a person or another tool reads.
 *
 * <p>The formatters build the text in a small char array and allocate only the resulting string; the
 * {@code append} variants write into a caller's builder without allocating.
 */
public final class IpAddressText {

    /** Longest text {@link #formatIpv6} produces: {@code ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff}. */
    public static final int MAX_LENGTH = 45;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private IpAddressText() {
    }

    /** The text of {@code address}: dotted decimal for IPv4, RFC 5952 for IPv6 (a scope id is dropped). */
    public static String format(InetAddress address) {
        return format(address.getAddress());
    }

    /** The text of a raw address in network order: 4 bytes IPv4, 16 bytes IPv6. */
    public static String format(byte[] raw) {
        if (raw.length == 4) {
            return formatIpv4(word(raw, 0, 4));
        }
        if (raw.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + raw.length);
        }
        return formatIpv6(word(raw, 0, 8), word(raw, 8, 8));
    }

    /** Dotted decimal of the IPv4 address in the low 32 bits of {@code address}. */
    public static String formatIpv4(long address) {
        char[] out = new char[15];
        return new String(out, 0, writeIpv4(address, out, 0));
    }

    /** RFC 5952 text of the IPv6 address given as its high and low 64 bits. */
    public static String formatIpv6(long high, long low) {
        char[] out = new char[MAX_LENGTH];
        return new String(out, 0, writeIpv6(high, low, out, 0));
    }

    /** Appends the dotted decimal of the IPv4 address in the low 32 bits of {@code address}. */
    public static StringBuilder appendIpv4(StringBuilder sb, long address) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            sb.append((int) ((address >>> shift) & 0xff));
            if (shift > 0) {
                sb.append('.');
            }
        }
        return sb;
    }

    /** Appends the RFC 5952 text of an IPv6 address. */
    public static StringBuilder appendIpv6(StringBuilder sb, long high, long low) {
        char[] out = new char[MAX_LENGTH];
        return sb.append(out, 0, writeIpv6(high, low, out, 0));
    }

    /**
     * The canonical text of an address literal in any accepted form ({@code 2001:DB8:0:0::1},
     * {@code ::ffff:c000:201}, {@code [fe80::1]}); a scope suffix ({@code %eth0}) and a prefix length
     * ({@code /64}, as in an interface address) are kept. Any text that is not an
     * address literal (a host name, {@code null}, garbage) is returned unchanged: callers keep what they were given.
     */
    public static String canonical(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return text;
        }
        String t = text.strip();
        if (t.length() > 2 && t.charAt(0) == '[' && t.charAt(t.length() - 1) == ']') {
            t = t.substring(1, t.length() - 1);
        }
        String suffix = "";
        int slash = t.indexOf('/');
        if (slash > 0) {
            suffix = t.substring(slash);
            t = t.substring(0, slash);
        }
        int percent = t.indexOf('%');
        if (percent > 0 && t.indexOf(':') >= 0) {
            suffix = t.substring(percent) + suffix;
            t = t.substring(0, percent);
        }
        long[] words = new long[2];
        int family = IpLiteral.parse(t, words);
        if (family == 4) {
            return formatIpv4(words[1]) + suffix;
        }
        return family == 6 ? formatIpv6(words[0], words[1]) + suffix : text;
    }

    /** {@link #canonical} of every entry of {@code texts}, in order. */
    public static java.util.List<String> canonical(java.util.List<String> texts) {
        java.util.List<String> out = new java.util.ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(canonical(t));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** Whether {@code text} is an IPv4 or IPv6 address literal in any accepted form. */
    public static boolean isLiteral(String text) {
        return text != null && text.length() <= 64 && IpLiteral.parse(text.strip(), new long[2]) != 0;
    }

    static int writeIpv4(long v, char[] out, int at) {
        int p = at;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = (int) ((v >>> shift) & 0xff);
            if (octet >= 100) {
                out[p++] = (char) ('0' + octet / 100);
            }
            if (octet >= 10) {
                out[p++] = (char) ('0' + (octet / 10) % 10);
            }
            out[p++] = (char) ('0' + octet % 10);
            if (shift > 0) {
                out[p++] = '.';
            }
        }
        return p - at;
    }

    static int writeIpv6(long hi, long lo, char[] out, int at) {
        if (hi == 0 && (lo >>> 32) == 0xffffL) {
            out[at] = ':';
            out[at + 1] = ':';
            out[at + 2] = 'f';
            out[at + 3] = 'f';
            out[at + 4] = 'f';
            out[at + 5] = 'f';
            out[at + 6] = ':';
            return 7 + writeIpv4(lo & 0xffff_ffffL, out, at + 7);
        }
        int bestStart = -1;
        int bestLength = 1;
        int runStart = -1;
        for (int i = 0; i <= 8; i++) {
            boolean zero = i < 8 && group(hi, lo, i) == 0;
            if (zero && runStart < 0) {
                runStart = i;
            } else if (!zero && runStart >= 0) {
                if (i - runStart > bestLength) {
                    bestStart = runStart;
                    bestLength = i - runStart;
                }
                runStart = -1;
            }
        }
        int p = at;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out[p++] = ':';
                out[p++] = ':';
                i += bestLength - 1;
                continue;
            }
            if (p > at && out[p - 1] != ':') {
                out[p++] = ':';
            }
            int g = group(hi, lo, i);
            boolean started = false;
            for (int shift = 12; shift >= 0; shift -= 4) {
                int nibble = (g >>> shift) & 0xf;
                if (nibble != 0 || started || shift == 0) {
                    out[p++] = HEX[nibble];
                    started = true;
                }
            }
        }
        return p - at;
    }

    private static int group(long hi, long lo, int i) {
        return (int) (((i < 4 ? hi : lo) >>> (48 - 16 * (i & 3))) & 0xffff);
    }

    private static long word(byte[] b, int from, int length) {
        long v = 0;
        for (int i = from; i < from + length; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
