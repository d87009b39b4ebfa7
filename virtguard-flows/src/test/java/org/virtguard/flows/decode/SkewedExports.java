package org.virtguard.flows.decode;

/**
 * NetFlow v5, NetFlow v9 and IPFIX datagrams whose flow times follow an exporter clock reading
 * {@code exporterNowMillis}: one TCP flow 10.1.0.1 → 10.2.0.{port % 250} per destination port, ending a second
 * before the exporter's now. Each v9/IPFIX datagram carries its template.
 */
public final class SkewedExports {

    private SkewedExports() {
    }

    /** NetFlow v5 with the flows' first/last switched relative to the header's uptime and unix seconds. */
    public static byte[] v5(long exporterNowMillis, int... dstPorts) {
        long uptime = 5_000_000L;
        DatagramBuilder b = new DatagramBuilder().u16(5).u16(dstPorts.length).u32(uptime)
                .u32(exporterNowMillis / 1000).u32((exporterNowMillis % 1000) * 1_000_000L).u32(0).u8(0).u8(0).u16(0);
        for (int port : dstPorts) {
            b.ipv4("10.1.0.1").ipv4("10.2.0." + (port % 250)).u32(0).u16(1).u16(2).u32(3).u32(180)
                    .u32(uptime - 3000).u32(uptime - 1000).u16(40000).u16(port).u8(0).u8(0x02).u8(6).u8(0)
                    .u16(0).u16(0).u8(24).u8(24).u16(0);
        }
        return b.build();
    }

    /** NetFlow v9: template 256 (addresses, ports, protocol, counters, FIRST/LAST_SWITCHED) and its data. */
    public static byte[] v9(long exporterNowMillis, int... dstPorts) {
        long uptime = 5_000_000L;
        DatagramBuilder b = DatagramBuilder.v9Header(2, uptime, exporterNowMillis / 1000, 1, 1)
                .u16(0).u16(4 + 4 + 9 * 4).u16(256).u16(9)
                .u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1).u16(2).u16(4).u16(1).u16(4)
                .u16(22).u16(4).u16(21).u16(4);
        int recordLength = 4 + 4 + 2 + 2 + 1 + 4 + 4 + 4 + 4;
        int length = 4 + recordLength * dstPorts.length;
        int pad = (4 - length % 4) % 4;
        b.u16(256).u16(length + pad);
        for (int port : dstPorts) {
            b.ipv4("10.1.0.1").ipv4("10.2.0." + (port % 250)).u16(40000).u16(port).u8(6).u32(3).u32(180)
                    .u32(uptime - 3000).u32(uptime - 1000);
        }
        for (int i = 0; i < pad; i++) {
            b.u8(0);
        }
        return b.build();
    }

    /** IPFIX: template 300 with flowStart/EndMilliseconds (IE 152/153) and its data. */
    public static byte[] ipfix(long exporterNowMillis, int... dstPorts) {
        DatagramBuilder b = DatagramBuilder.ipfixHeader(exporterNowMillis / 1000, 0, 7)
                .u16(2).u16(4 + 4 + 9 * 4).u16(300).u16(9)
                .u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1).u16(2).u16(8).u16(1).u16(8)
                .u16(152).u16(8).u16(153).u16(8);
        b.u16(300).u16(4 + 45 * dstPorts.length);
        for (int port : dstPorts) {
            b.ipv4("10.1.0.1").ipv4("10.2.0." + (port % 250)).u16(40000).u16(port).u8(6).u64(3).u64(180)
                    .u64(exporterNowMillis - 3000).u64(exporterNowMillis - 1000);
        }
        return b.buildIpfix();
    }
}
