package org.virtguard.flows.decode;

import org.virtguard.model.net.IpAddressText;

/** Conversions between the two-long address form of {@link FlowRecord} and text. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * Formats an IPv4 ({@code ipVersion} 4) or IPv6 address as RFC 5952 text (see {@link IpAddressText});
     * {@code "0.0.0.0"} when the version is unknown. Allocates only the string.
     */
    public static String format(int ipVersion, long hi, long lo) {
        return ipVersion == 6 ? IpAddressText.formatIpv6(hi, lo) : IpAddressText.formatIpv4(lo & 0xffff_ffffL);
    }

    /** Appends the text {@link #format} gives, without allocating. */
    public static StringBuilder append(StringBuilder sb, int ipVersion, long hi, long lo) {
        return ipVersion == 6 ? IpAddressText.appendIpv6(sb, hi, lo) : IpAddressText.appendIpv4(sb, lo & 0xffff_ffffL);
    }

    /** Parses a dotted-quad IPv4 address into an int, or throws {@link IllegalArgumentException}. */
    public static int parseIpv4(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        int v = 0;
        for (String p : parts) {
            int octet;
            try {
                octet = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            if (octet < 0 || octet > 255 || p.isEmpty() || p.length() > 3) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    /** Formats a MAC held in the low 48 bits of a long as {@code aa:bb:cc:dd:ee:ff}. */
    public static String formatMac(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int b = (int) (mac >>> (8 * i)) & 0xff;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
