package org.virtguard.policy.zones;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network in CIDR notation; parsing never resolves host names. */
public record Cidr(String text, byte[] network, int prefix) {

    /** Parses {@code a.b.c.d/n} or {@code x::y/n}; a bare address is a host route. */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP network in CIDR notation");
        }
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length out of range");
        }
        return new Cidr(t, bytes, prefix);
    }

    public boolean contains(String address) {
        if (address == null) {
            return false;
        }
        int slash = address.indexOf('/');
        byte[] a = literal(slash < 0 ? address.trim() : address.substring(0, slash).trim());
        if (a == null || a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static byte[] literal(String addr) {
        if (addr.isEmpty() || !addr.matches("[0-9a-fA-F:.]+") || (!addr.contains(":") && !addr.contains("."))) {
            return null;
        }
        if (!addr.contains(":") && !addr.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
