package org.virtguard.connector.libvirt.xml;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.virtguard.model.net.IpAddressText;

/** Network prefixes in CIDR notation from libvirt's {@code <ip address= netmask=|prefix=>}, without DNS. */
final class Cidr {

    private Cidr() {
    }

    /**
     * The network containing {@code address}, as {@code 192.168.122.0/24}, or {@code null} when the address,
     * netmask or prefix is not a literal libvirt would accept.
     */
    static String of(String address, String netmask, String prefix) {
        if (address == null) {
            return null;
        }
        byte[] bytes = literal(address.trim());
        if (bytes == null) {
            return null;
        }
        int bits;
        if (prefix != null) {
            try {
                bits = Integer.parseInt(prefix.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else if (netmask != null && bytes.length == 4) {
            byte[] mask = ipv4(netmask.trim());
            bits = mask == null ? -1 : prefixLength(mask);
        } else {
            bits = bytes.length == 4 ? 24 : 64;
        }
        if (bits < 0 || bits > bytes.length * 8) {
            return null;
        }
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            bytes[i] = (byte) (bytes[i] & (0xff << (8 - keep)));
        }
        return IpAddressText.format(bytes) + "/" + bits;
    }

    private static byte[] literal(String address) {
        if (address.indexOf(':') < 0) {
            return ipv4(address);
        }
        if (!address.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("\\d{1,3}")) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static int prefixLength(byte[] mask) {
        int bits = 0;
        boolean zeroSeen = false;
        for (byte b : mask) {
            for (int i = 7; i >= 0; i--) {
                boolean one = ((b >> i) & 1) == 1;
                if (one && zeroSeen) {
                    return -1;
                }
                if (one) {
                    bits++;
                } else {
                    zeroSeen = true;
                }
            }
        }
        return bits;
    }
}
