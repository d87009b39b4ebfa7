package org.virtguard.flows.decode;

/** Decodes NetFlow v5 datagrams: a 24-byte header and up to 30 fixed 48-byte records. */
final class NetflowV5Decoder {

    private static final int HEADER = 24;
    private static final int RECORD = 48;

    int decode(Exporter ex, byte[] b, int off, int len, long now, FlowRecord r, FlowSink sink) {
        if (len < HEADER) {
            ex.counters().error(DecodeError.TRUNCATED_DATAGRAM);
            return 0;
        }
        int count = Bytes.u16(b, off + 2);
        long uptime = Bytes.u32(b, off + 4);
        long unixSecs = Bytes.u32(b, off + 8);
        long unixNanos = Bytes.u32(b, off + 12);
        long seq = Bytes.u32(b, off + 16);
        int engine = Bytes.u16(b, off + 20);
        int sampling = Bytes.u16(b, off + 22) & 0x3fff;
        int fit = (len - HEADER) / RECORD;
        if (count > fit) {
            ex.counters().error(DecodeError.TRUNCATED_DATAGRAM);
            count = fit;
        }
        ex.sequence(5, engine, seq, seq + count);
        long boot = unixSecs * 1000 + unixNanos / 1_000_000 - uptime;
        int p = off + HEADER;
        for (int i = 0; i < count; i++, p += RECORD) {
            r.clear();
            r.version = 5;
            r.domain = engine;
            r.receivedMillis = now;
            r.ipVersion = 4;
            r.srcLo = Bytes.u32(b, p);
            r.dstLo = Bytes.u32(b, p + 4);
            r.nextHopLo = Bytes.u32(b, p + 8);
            r.inputInterface = Bytes.u16(b, p + 12);
            r.outputInterface = Bytes.u16(b, p + 14);
            r.packets = Bytes.u32(b, p + 16);
            r.bytes = Bytes.u32(b, p + 20);
            r.startMillis = boot + Bytes.u32(b, p + 24);
            r.endMillis = boot + Bytes.u32(b, p + 28);
            r.srcPort = Bytes.u16(b, p + 32);
            r.dstPort = Bytes.u16(b, p + 34);
            r.tcpFlags = Bytes.u8(b, p + 37);
            r.protocol = Bytes.u8(b, p + 38);
            r.tos = Bytes.u8(b, p + 39);
            r.srcMask = Bytes.u8(b, p + 44);
            r.dstMask = Bytes.u8(b, p + 45);
            r.samplingInterval = sampling > 0 ? sampling : 1;
            sink.accept(r);
        }
        ex.counters().records(count);
        return count;
    }
}
