package org.virtguard.model.net;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network in CIDR notation, such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. Parsing reads
 * address literals only and never resolves host names. The network is held as two 64-bit words (for IPv4 the
 * 32-bit address in the low word), so that membership tests do not allocate.
 */
public final class Cidr {

    /** Longest text accepted by {@link #parse}: a full IPv6 address with an embedded IPv4 tail and a prefix. */
    public static final int MAX_TEXT_LENGTH = 64;

    private final boolean ipv4;
    private final int prefix;
    private final long high;
    private final long low;
    private final long maskHigh;
    private final long maskLow;

    private Cidr(boolean ipv4, long high, long low, int prefix) {
        this.ipv4 = ipv4;
        this.prefix = prefix;
        if (ipv4) {
            this.maskHigh = 0;
            this.maskLow = prefix == 0 ? 0 : (0xffff_ffffL << (32 - prefix)) & 0xffff_ffffL;
        } else if (prefix <= 64) {
            this.maskHigh = prefix == 0 ? 0 : -1L << (64 - prefix);
            this.maskLow = 0;
        } else {
            this.maskHigh = -1L;
            this.maskLow = -1L << (128 - prefix);
        }
        this.high = high & maskHigh;
        this.low = low & maskLow;
    }

    /**
     * Parses {@code a.b.c.d/n} or {@code x:y::z/n}; a bare address is a host network ({@code /32} or {@code /128}).
     * Host bits after the prefix are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
     *
     * @throws IllegalArgumentException naming the text when it is not an address literal with a prefix in range
     */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing IP network (null)");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("'" + text.substring(0, MAX_TEXT_LENGTH)
                    + "…' is too long for an IP network in CIDR notation");
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        long[] words = new long[2];
        int family = IpLiteral.parse(slash < 0 ? t : t.substring(0, slash), words);
        if (family == 0) {
            throw new IllegalArgumentException("'" + text + "' is not an IP network in CIDR notation");
        }
        int max = family == 4 ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length out of range (0-" + max + ")");
            }
        }
        return new Cidr(family == 4, words[0], words[1], prefix);
    }

    /** A bare IPv4 or IPv6 address literal (no prefix) as a host network, or empty when {@code text} is not one. */
    public static Optional<Cidr> address(String text) {
        if (text == null || text.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        long[] words = new long[2];
        int family = IpLiteral.parse(text.trim(), words);
        return family == 0 ? Optional.empty()
                : Optional.of(new Cidr(family == 4, words[0], words[1], family == 4 ? 32 : 128));
    }

    /** The network of {@code address} with {@code prefix} bits, e.g. the subnet an interface address is in. */
    public static Cidr of(InetAddress address, int prefix) {
        byte[] b = address.getAddress();
        int max = b.length * 8;
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix length " + prefix + " out of range (0-" + max + ")");
        }
        return b.length == 4 ? new Cidr(true, 0, word(b, 0, 4), prefix)
                : new Cidr(false, word(b, 0, 8), word(b, 8, 8), prefix);
    }

    /** Whether this is an IPv4 network. */
    public boolean isIpv4() {
        return ipv4;
    }

    /** The prefix length in bits. */
    public int prefix() {
        return prefix;
    }

    /** High 64 bits of the network address (0 for IPv4). */
    public long high() {
        return high;
    }

    /** Low 64 bits of the network address (for IPv4 the 32-bit address, unsigned). */
    public long low() {
        return low;
    }

    /** The mask over {@link #high()}. */
    public long maskHigh() {
        return maskHigh;
    }

    /** The mask over {@link #low()}. */
    public long maskLow() {
        return maskLow;
    }

    /** Whether the IPv4 address (the low 32 bits of {@code address}) is inside this network. Does not allocate. */
    public boolean containsIpv4(long address) {
        return ipv4 && ((address & 0xffff_ffffL) & maskLow) == low;
    }

    /** Whether the IPv6 address given as two 64-bit words is inside this network. Does not allocate. */
    public boolean containsIpv6(long addressHigh, long addressLow) {
        return !ipv4 && (addressHigh & maskHigh) == high && (addressLow & maskLow) == low;
    }

    /**
     * Whether the raw address ({@code 4} bytes IPv4, {@code 16} bytes IPv6, network order) is inside this network;
     * any other length is not. Does not allocate.
     */
    public boolean contains(byte[] address) {
        if (address == null) {
            return false;
        }
        if (address.length == 4) {
            return containsIpv4(word(address, 0, 4));
        }
        return address.length == 16 && containsIpv6(word(address, 0, 8), word(address, 8, 8));
    }

    /** Whether {@code address} is inside this network (an IPv4 address never is in an IPv6 network, and back). */
    public boolean contains(InetAddress address) {
        return address != null && contains(address.getAddress());
    }

    /** Whether the address literal {@code text} is inside this network; {@code false} when it is not a literal. */
    public boolean contains(String text) {
        if (text == null || text.length() > MAX_TEXT_LENGTH) {
            return false;
        }
        long[] words = new long[2];
        int family = IpLiteral.parse(text.trim(), words);
        return family == 4 ? containsIpv4(words[1]) : family == 6 && containsIpv6(words[0], words[1]);
    }

    private static long word(byte[] b, int from, int length) {
        long v = 0;
        for (int i = from; i < from + length; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    /** The canonical form: the network address (host bits cleared, IPv6 compressed as RFC 5952) and the prefix. */
    @Override
    public String toString() {
        return (ipv4 ? IpLiteral.formatIpv4(low) : IpLiteral.formatIpv6(high, low)) + "/" + prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.ipv4 == ipv4 && c.prefix == prefix && c.high == high && c.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low) * 31 + prefix * 2 + (ipv4 ? 1 : 0);
    }
}
