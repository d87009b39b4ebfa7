package org.virtguard.flows;

import java.time.Instant;

import org.virtguard.flows.decode.Addresses;
import org.virtguard.flows.decode.FlowRecord;

/** One decoded flow as a CSV row or JSON object, with the column names nfdump uses where it has them. */
public final class FlowText {

    /** The CSV header matching {@link #csv(FlowRecord)}. */
    public static final String CSV_HEADER = "ts,te,sa,da,sp,dp,pr,flg,stos,ipkt,ibyt,opkt,obyt,in,out,dir,smk,dmk,"
            + "ismc,odmc,svln,sampling,ipkt_scaled,ibyt_scaled,exporter_version,domain";

    private FlowText() {
    }

    /** A CSV row. */
    public static String csv(FlowRecord r) {
        return Instant.ofEpochMilli(r.startMillis) + "," + Instant.ofEpochMilli(r.endMillis) + "," + r.srcAddress()
                + "," + r.dstAddress() + "," + r.srcPort + "," + r.dstPort + "," + r.protocol + "," + flags(r.tcpFlags)
                + "," + r.tos + "," + r.packets + "," + r.bytes + "," + r.reversePackets + "," + r.reverseBytes + ","
                + r.inputInterface + "," + r.outputInterface + "," + r.direction + "," + r.srcMask + "," + r.dstMask
                + "," + Addresses.formatMac(r.srcMac) + "," + Addresses.formatMac(r.dstMac) + "," + r.vlan + ","
                + r.samplingInterval + "," + r.scaledPackets() + "," + r.scaledBytes() + "," + version(r) + ","
                + r.domain;
    }

    /** A JSON object on one line. */
    public static String json(FlowRecord r) {
        return "{\"first\":\"" + Instant.ofEpochMilli(r.startMillis) + "\",\"last\":\"" + Instant.ofEpochMilli(r.endMillis)
                + "\",\"src_addr\":\"" + r.srcAddress() + "\",\"dst_addr\":\"" + r.dstAddress() + "\",\"src_port\":"
                + r.srcPort + ",\"dst_port\":" + r.dstPort + ",\"proto\":" + r.protocol + ",\"tcp_flags\":\""
                + flags(r.tcpFlags) + "\",\"src_tos\":" + r.tos + ",\"in_packets\":" + r.packets + ",\"in_bytes\":"
                + r.bytes + ",\"out_packets\":" + r.reversePackets + ",\"out_bytes\":" + r.reverseBytes
                + ",\"input_snmp\":" + r.inputInterface + ",\"output_snmp\":" + r.outputInterface + ",\"direction\":"
                + r.direction + ",\"src_mask\":" + r.srcMask + ",\"dst_mask\":" + r.dstMask + ",\"in_src_mac\":\""
                + Addresses.formatMac(r.srcMac) + "\",\"out_dst_mac\":\"" + Addresses.formatMac(r.dstMac)
                + "\",\"vlan\":" + r.vlan + ",\"sampling\":" + r.samplingInterval + ",\"in_packets_scaled\":"
                + r.scaledPackets() + ",\"in_bytes_scaled\":" + r.scaledBytes() + ",\"version\":\"" + version(r)
                + "\",\"domain\":" + r.domain + "}";
    }

    /** TCP flags the way nfdump prints them: {@code CEUAPRSF}, a dot for each flag not set. */
    public static String flags(int bits) {
        String letters = "CEUAPRSF";
        char[] out = new char[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (bits & (1 << (7 - i))) != 0 ? letters.charAt(i) : '.';
        }
        return new String(out);
    }

    private static String version(FlowRecord r) {
        return switch (r.version) {
            case 10 -> "ipfix";
            case FlowRecord.SFLOW -> "sflow5";
            default -> "netflow" + r.version;
        };
    }
}
