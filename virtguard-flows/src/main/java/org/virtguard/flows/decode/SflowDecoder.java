package org.virtguard.flows.decode;

/**
 * Decodes sFlow v5 datagrams: flow samples and expanded flow samples become one {@link FlowRecord} each (one
 * sampled packet, sampling rate kept for renormalisation), decoded from the raw packet header or the sampled
 * IPv4/IPv6 records; counter samples and unknown formats are skipped by their length.
 */
final class SflowDecoder {

    private static final int RAW_HEADER = 1;
    private static final int SAMPLED_IPV4 = 3;
    private static final int SAMPLED_IPV6 = 4;
    private static final int EXTENDED_SWITCH = 1001;

    int decode(Exporter ex, byte[] b, int off, int len, long now, FlowRecord r, FlowSink sink) {
        int end = off + len;
        if (len < 28) {
            ex.counters().error(DecodeError.TRUNCATED_DATAGRAM);
            return 0;
        }
        long addressType = Bytes.u32(b, off + 4);
        int p = off + 8;
        if (addressType == 1) {
            p += 4;
        } else if (addressType == 2) {
            p += 16;
        } else {
            ex.counters().error(DecodeError.BAD_SFLOW_SAMPLE);
            return 0;
        }
        if (end - p < 16) {
            ex.counters().error(DecodeError.TRUNCATED_DATAGRAM);
            return 0;
        }
        long subAgent = Bytes.u32(b, p);
        long seq = Bytes.u32(b, p + 4);
        long samples = Bytes.u32(b, p + 12);
        p += 16;
        ex.sequence(FlowRecord.SFLOW, subAgent, seq, seq + 1);
        int records = 0;
        for (long s = 0; s < samples; s++) {
            if (end - p < 8) {
                ex.counters().error(DecodeError.TRUNCATED_DATAGRAM);
                break;
            }
            long format = Bytes.u32(b, p);
            long length = Bytes.u32(b, p + 4);
            p += 8;
            if (length > end - p) {
                ex.counters().error(DecodeError.BAD_SFLOW_SAMPLE);
                break;
            }
            int sampleEnd = p + (int) length;
            if (format == 1 || format == 3) {
                if (flowSample(ex, b, p, sampleEnd, format == 3, subAgent, now, r)) {
                    records++;
                    sink.accept(r);
                }
            }
            p = sampleEnd;
        }
        ex.counters().records(records);
        return records;
    }

    private static boolean flowSample(Exporter ex, byte[] b, int p, int end, boolean expanded, long subAgent,
                                      long now, FlowRecord r) {
        int fixed = expanded ? 44 : 32;
        if (end - p < fixed) {
            ex.counters().error(DecodeError.BAD_SFLOW_SAMPLE);
            return false;
        }
        r.clear();
        r.version = FlowRecord.SFLOW;
        r.domain = subAgent;
        r.receivedMillis = now;
        r.startMillis = now;
        r.endMillis = now;
        r.packets = 1;
        long rate;
        long nRecords;
        if (expanded) {
            rate = Bytes.u32(b, p + 12);
            r.inputInterface = Bytes.u32(b, p + 28);
            r.outputInterface = Bytes.u32(b, p + 36);
            nRecords = Bytes.u32(b, p + 40);
        } else {
            rate = Bytes.u32(b, p + 8);
            r.inputInterface = Bytes.u32(b, p + 20) & 0x3fff_ffffL;
            r.outputInterface = Bytes.u32(b, p + 24) & 0x3fff_ffffL;
            nRecords = Bytes.u32(b, p + 28);
        }
        r.samplingInterval = rate > 0 ? rate : 1;
        p += fixed;
        boolean decoded = false;
        for (long i = 0; i < nRecords; i++) {
            if (end - p < 8) {
                ex.counters().error(DecodeError.BAD_SFLOW_SAMPLE);
                return false;
            }
            long format = Bytes.u32(b, p);
            long length = Bytes.u32(b, p + 4);
            p += 8;
            if (length > end - p) {
                ex.counters().error(DecodeError.BAD_SFLOW_SAMPLE);
                return false;
            }
            int recordEnd = p + (int) length;
            if (format == RAW_HEADER && length >= 16) {
                long protocol = Bytes.u32(b, p);
                r.bytes = Bytes.u32(b, p + 4);
                long headerLength = Bytes.u32(b, p + 12);
                int headerEnd = (int) Math.min(recordEnd, p + 16 + Math.min(headerLength, length));
                if (protocol == 1) {
                    decoded |= PacketHeaderParser.ethernet(b, p + 16, headerEnd, r);
                } else if (protocol == 11) {
                    decoded |= PacketHeaderParser.ipv4(b, p + 16, headerEnd, r);
                } else if (protocol == 12) {
                    decoded |= PacketHeaderParser.ipv6(b, p + 16, headerEnd, r);
                }
            } else if (format == SAMPLED_IPV4 && length >= 32 && !decoded) {
                r.bytes = Bytes.u32(b, p);
                r.protocol = (int) Bytes.u32(b, p + 4) & 0xff;
                r.ipVersion = 4;
                r.srcLo = Bytes.u32(b, p + 8);
                r.dstLo = Bytes.u32(b, p + 12);
                r.srcPort = (int) Bytes.u32(b, p + 16) & 0xffff;
                r.dstPort = (int) Bytes.u32(b, p + 20) & 0xffff;
                r.tcpFlags = (int) Bytes.u32(b, p + 24) & 0xff;
                r.tos = (int) Bytes.u32(b, p + 28) & 0xff;
                decoded = true;
            } else if (format == SAMPLED_IPV6 && length >= 56 && !decoded) {
                r.bytes = Bytes.u32(b, p);
                r.protocol = (int) Bytes.u32(b, p + 4) & 0xff;
                r.ipVersion = 6;
                r.srcHi = Bytes.s64(b, p + 8);
                r.srcLo = Bytes.s64(b, p + 16);
                r.dstHi = Bytes.s64(b, p + 24);
                r.dstLo = Bytes.s64(b, p + 32);
                r.srcPort = (int) Bytes.u32(b, p + 40) & 0xffff;
                r.dstPort = (int) Bytes.u32(b, p + 44) & 0xffff;
                r.tcpFlags = (int) Bytes.u32(b, p + 48) & 0xff;
                decoded = true;
            } else if (format == EXTENDED_SWITCH && length >= 16) {
                r.vlan = (int) Bytes.u32(b, p) & 0xfff;
            }
            p = recordEnd;
        }
        return decoded;
    }
}
