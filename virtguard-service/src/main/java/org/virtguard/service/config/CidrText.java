package org.virtguard.service.config;

/**
 * Reads IPv4 and IPv6 addresses and CIDR blocks from text, without name lookups. A bare address is a block of one
 * host. Only the textual forms are taken: dotted quads without leading zeros, and RFC 4291 IPv6 text (with {@code ::}
 * and a trailing dotted quad) without a zone.
 */
final class CidrText {

    private CidrText() {
    }

    /**
     * Why {@code text} is not a CIDR block, or {@code null} when it is one.
     *
     * @param text e.g. {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code 2001:db8::/32}
     */
    static String problem(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return "is not an IP address or CIDR block";
        }
        int slash = text.indexOf('/');
        byte[] address = address(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return "is not an IP address or CIDR block (e.g. 10.0.0.0/8 or 2001:db8::/32)";
        }
        if (slash < 0) {
            return null;
        }
        int bits = address.length * 8;
        String prefixText = text.substring(slash + 1);
        if (!prefixText.matches("[0-9]{1,3}") || Integer.parseInt(prefixText) > bits) {
            return "has no valid prefix length (0-" + bits + ")";
        }
        int prefix = Integer.parseInt(prefixText);
        for (int bit = prefix; bit < bits; bit++) {
            if ((address[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return "has address bits set beyond the /" + prefix + " prefix";
            }
        }
        return null;
    }

    /** The bytes of an IPv4 or IPv6 address literal, or {@code null} when {@code text} is not one. */
    static byte[] address(String text) {
        return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (!part.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(part) > 255) {
                return null;
            }
            bytes[i] = (byte) Integer.parseInt(part);
        }
        return bytes;
    }

    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int[] headGroups = groups(head, gap < 0);
        int[] tailGroups = groups(tail, true);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int count = headGroups.length + tailGroups.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            put(bytes, i, headGroups[i]);
        }
        for (int i = 0; i < tailGroups.length; i++) {
            put(bytes, 8 - tailGroups.length + i, tailGroups[i]);
        }
        return bytes;
    }

    /** The 16-bit groups of one side of {@code ::}; a dotted quad is taken only at the very end. */
    private static int[] groups(String text, boolean endsAddress) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        boolean quad = endsAddress && parts[parts.length - 1].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (quad ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            if (quad && i == parts.length - 1) {
                byte[] v4 = ipv4(parts[i]);
                if (v4 == null) {
                    return null;
                }
                groups[i] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                groups[i + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
            } else if (parts[i].matches("[0-9a-fA-F]{1,4}")) {
                groups[i] = Integer.parseInt(parts[i], 16);
            } else {
                return null;
            }
        }
        return groups;
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[group * 2] = (byte) (value >>> 8);
        bytes[group * 2 + 1] = (byte) value;
    }
}
