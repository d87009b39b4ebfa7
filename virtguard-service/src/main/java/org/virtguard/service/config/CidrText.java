package org.virtguard.service.config;

import org.virtguard.model.net.Cidr;

/**
 * The configuration's view of IP addresses and CIDR blocks: the model's {@link Cidr} (the parser the listeners
 * use at run time), plus the stricter rule for a configuration file that a block's address has no bits set beyond
 * its prefix ({@code 10.0.0.1/8} is refused here, as it is most likely a typo).
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
        if (text == null || text.isEmpty() || text.length() > Cidr.MAX_TEXT_LENGTH) {
            return "is not an IP address or CIDR block";
        }
        int slash = text.indexOf('/');
        Cidr address = address(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return "is not an IP address or CIDR block (e.g. 10.0.0.0/8 or 2001:db8::/32)";
        }
        Cidr block;
        try {
            block = Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            return "has no valid prefix length (0-" + (address.isIpv4() ? 32 : 128) + ")";
        }
        if (block.high() != address.high() || block.low() != address.low()) {
            return "has address bits set beyond the /" + block.prefix() + " prefix";
        }
        return null;
    }

    /** An IPv4 or IPv6 address literal as a host block, or {@code null} when {@code text} is not one. */
    static Cidr address(String text) {
        return text.equals(text.strip()) ? Cidr.address(text).orElse(null) : null;
    }
}
