package org.virtguard.flows;

import org.virtguard.flows.decode.Addresses;
import org.virtguard.flows.decode.FlowRecord;

/** Hand-made IPv4 flow records for tests. */
public final class FlowBuilder {

    private FlowBuilder() {
    }

    public static FlowRecord tcp(String src, int srcPort, String dst, int dstPort, int flags, long timeMillis) {
        FlowRecord r = new FlowRecord();
        r.clear();
        r.version = 9;
        r.ipVersion = 4;
        r.srcLo = Addresses.parseIpv4(src) & 0xffff_ffffL;
        r.dstLo = Addresses.parseIpv4(dst) & 0xffff_ffffL;
        r.srcPort = srcPort;
        r.dstPort = dstPort;
        r.protocol = 6;
        r.tcpFlags = flags;
        r.packets = 1;
        r.bytes = 60;
        r.startMillis = timeMillis;
        r.endMillis = timeMillis;
        r.receivedMillis = timeMillis;
        return r;
    }
}
