package org.virtguard.flows.decode;

import java.io.ByteArrayOutputStream;

/** Builds NetFlow / IPFIX / sFlow datagrams byte by byte for tests, including deliberately broken ones. */
final class DatagramBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    DatagramBuilder u8(int v) {
        out.write(v);
        return this;
    }

    DatagramBuilder u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    DatagramBuilder u32(long v) {
        u16((int) (v >>> 16));
        return u16((int) v);
    }

    DatagramBuilder u64(long v) {
        u32(v >>> 32);
        return u32(v);
    }

    DatagramBuilder ipv4(String dotted) {
        return u32(Addresses.parseIpv4(dotted) & 0xffff_ffffL);
    }

    DatagramBuilder bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] build() {
        return out.toByteArray();
    }

    /** Overwrites the IPFIX message length field with the real length. */
    byte[] buildIpfix() {
        byte[] b = out.toByteArray();
        b[2] = (byte) (b.length >>> 8);
        b[3] = (byte) b.length;
        return b;
    }

    static DatagramBuilder ipfixHeader(long exportSecs, long seq, long domain) {
        return new DatagramBuilder().u16(10).u16(0).u32(exportSecs).u32(seq).u32(domain);
    }

    static DatagramBuilder v9Header(int count, long uptime, long unixSecs, long seq, long sourceId) {
        return new DatagramBuilder().u16(9).u16(count).u32(uptime).u32(unixSecs).u32(seq).u32(sourceId);
    }

    /** IPFIX template set with one template: src4, dst4, srcPort, dstPort, proto, packets(8), bytes(8). */
    DatagramBuilder ipfixTemplate(int id) {
        return u16(2).u16(4 + 4 + 7 * 4).u16(id).u16(7)
                .u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1).u16(2).u16(8).u16(1).u16(8);
    }

    /** One data set for {@link #ipfixTemplate(int)} with one record per destination port. */
    DatagramBuilder ipfixData(int id, String src, String dst, int... dstPorts) {
        u16(id).u16(4 + 29 * dstPorts.length);
        for (int port : dstPorts) {
            ipv4(src).ipv4(dst).u16(40000).u16(port).u8(6).u64(3).u64(180);
        }
        return this;
    }
}
