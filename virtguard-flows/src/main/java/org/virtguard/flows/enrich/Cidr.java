package org.virtguard.flows.enrich;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 prefix in the two-long form, e.g. {@code 10.0.0.0/24}.
 *
 * @param hi     high 64 bits ({@link AddressTable#V4} for IPv4)
 * @param lo     low 64 bits (the IPv4 address for IPv4)
 * @param prefix prefix length
 * @param text   the prefix as written
 */
public record Cidr(long hi, long lo, int prefix, String text) {

    /** Parses {@code a.b.c.d/n} or {@code x::y/n}; a bare address is a host prefix. */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        long[] parsed = Cidr.address(addr);
        if (parsed == null) {
            throw new IllegalArgumentException("not an IP prefix: '" + text + "'");
        }
        boolean v4 = parsed[0] == AddressTable.V4;
        int max = v4 ? 32 : 128;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP prefix: '" + text + "'");
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
        }
        return new Cidr(parsed[0], parsed[1], prefix, t);
    }

    /** Parses a literal IPv4 or IPv6 address (never a host name) into {hi, lo}, or {@code null}. */
    static long[] address(String text) {
        String t = text.trim();
        if (t.isEmpty() || !(t.indexOf(':') >= 0 || t.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')))) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(t).getAddress();
            if (b.length == 4) {
                long v = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
                return new long[] {AddressTable.V4, v};
            }
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (b[i] & 0xff);
                lo = (lo << 8) | (b[8 + i] & 0xff);
            }
            return new long[] {hi, lo};
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether the address {hi, lo} (same form) lies inside this prefix. */
    public boolean contains(long addrHi, long addrLo) {
        if (hi == AddressTable.V4) {
            if (addrHi != AddressTable.V4) {
                return false;
            }
            long mask = prefix == 0 ? 0 : (0xffff_ffffL << (32 - prefix)) & 0xffff_ffffL;
            return (addrLo & mask) == (lo & mask);
        }
        if (addrHi == AddressTable.V4) {
            return false;
        }
        if (prefix <= 64) {
            long mask = prefix == 0 ? 0 : -1L << (64 - prefix);
            return (addrHi & mask) == (hi & mask);
        }
        long mask = -1L << (128 - prefix);
        return addrHi == hi && (addrLo & mask) == (lo & mask);
    }
}
