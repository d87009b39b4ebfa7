package org.virtguard.flows.decode;

/**
 * Reads addresses, ports, protocol and TCP flags from a sampled packet header (Ethernet with up to two VLAN tags,
 * IPv4 or IPv6 with a bounded walk over extension headers) into a {@link FlowRecord}. Stops quietly at whatever
 * the header was truncated to.
 */
final class PacketHeaderParser {

    private PacketHeaderParser() {
    }

    /** Parses an Ethernet frame header; returns false when not even the IP header is present. */
    static boolean ethernet(byte[] b, int p, int end, FlowRecord r) {
        if (end - p < 14) {
            return false;
        }
        r.dstMac = Bytes.unsigned(b, p, 6);
        r.srcMac = Bytes.unsigned(b, p + 6, 6);
        int type = Bytes.u16(b, p + 12);
        p += 14;
        for (int tags = 0; (type == 0x8100 || type == 0x88a8) && tags < 2; tags++) {
            if (end - p < 4) {
                return false;
            }
            r.vlan = Bytes.u16(b, p) & 0xfff;
            type = Bytes.u16(b, p + 2);
            p += 4;
        }
        if (type == 0x0800) {
            return ipv4(b, p, end, r);
        }
        if (type == 0x86dd) {
            return ipv6(b, p, end, r);
        }
        return false;
    }

    static boolean ipv4(byte[] b, int p, int end, FlowRecord r) {
        if (end - p < 20 || (Bytes.u8(b, p) >>> 4) != 4) {
            return false;
        }
        int ihl = (Bytes.u8(b, p) & 0xf) * 4;
        r.ipVersion = 4;
        r.tos = Bytes.u8(b, p + 1);
        r.protocol = Bytes.u8(b, p + 9);
        r.srcLo = Bytes.u32(b, p + 12);
        r.dstLo = Bytes.u32(b, p + 16);
        boolean firstFragment = (Bytes.u16(b, p + 6) & 0x1fff) == 0;
        if (ihl >= 20 && firstFragment) {
            transport(b, p + ihl, end, r);
        }
        return true;
    }

    static boolean ipv6(byte[] b, int p, int end, FlowRecord r) {
        if (end - p < 40 || (Bytes.u8(b, p) >>> 4) != 6) {
            return false;
        }
        r.ipVersion = 6;
        r.tos = (Bytes.u16(b, p) >>> 4) & 0xff;
        int next = Bytes.u8(b, p + 6);
        r.srcHi = Bytes.s64(b, p + 8);
        r.srcLo = Bytes.s64(b, p + 16);
        r.dstHi = Bytes.s64(b, p + 24);
        r.dstLo = Bytes.s64(b, p + 32);
        p += 40;
        for (int hops = 0; hops < 8 && (next == 0 || next == 43 || next == 60 || next == 44); hops++) {
            if (end - p < 8) {
                r.protocol = next;
                return true;
            }
            int following = Bytes.u8(b, p);
            int extLen = next == 44 ? 8 : (Bytes.u8(b, p + 1) + 1) * 8;
            if (next == 44 && (Bytes.u16(b, p + 2) & 0xfff8) != 0) {
                r.protocol = following;
                return true;
            }
            next = following;
            p += extLen;
        }
        r.protocol = next;
        transport(b, p, end, r);
        return true;
    }

    private static void transport(byte[] b, int p, int end, FlowRecord r) {
        switch (r.protocol) {
            case 6 -> {
                if (end - p >= 4) {
                    r.srcPort = Bytes.u16(b, p);
                    r.dstPort = Bytes.u16(b, p + 2);
                }
                if (end - p >= 14) {
                    r.tcpFlags = Bytes.u8(b, p + 13);
                }
            }
            case 17, 132 -> {
                if (end - p >= 4) {
                    r.srcPort = Bytes.u16(b, p);
                    r.dstPort = Bytes.u16(b, p + 2);
                }
            }
            case 1, 58 -> {
                if (end - p >= 2) {
                    r.dstPort = (Bytes.u8(b, p) << 8) | Bytes.u8(b, p + 1);
                }
            }
            default -> {
            }
        }
    }
}
