package org.virtguard.flows.decode;

/**
 * One decoded flow, as a reusable mutable buffer: decoders overwrite the same instance for every record and hand
 * it to a {@link FlowSink}, so decoding allocates nothing per record. A sink that keeps a record must copy it
 * ({@link #copy()}).
 *
 * <p>Addresses are held as two longs ({@code hi}, {@code lo}); for IPv4 {@code hi} is 0 and {@code lo} holds the
 * 32-bit address. Times are epoch milliseconds. Counters are the exporter's raw values; {@link #samplingInterval}
 * gives the factor to renormalise them ({@link #scaledPackets()}, {@link #scaledBytes()}).
 */
public final class FlowRecord {

    /** Protocol version the record came in: 5, 9, 10 (IPFIX) or {@link #SFLOW}. */
    public int version;
    /** sFlow version marker for {@link #version}. */
    public static final int SFLOW = 5_000;

    public int ipVersion;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public long nextHopLo;
    public int srcPort;
    public int dstPort;
    public int protocol;
    public int tcpFlags;
    public int tos;
    public int srcMask;
    public int dstMask;
    public long packets;
    public long bytes;
    public long reversePackets;
    public long reverseBytes;
    public long samplingInterval;
    public long startMillis;
    public long endMillis;
    public long inputInterface;
    public long outputInterface;
    public long srcMac;
    public long dstMac;
    public int vlan;
    public int direction;
    public boolean biflow;
    /** Observation domain (IPFIX), source id (v9), engine (v5) or sub-agent (sFlow). */
    public long domain;
    public long receivedMillis;

    /** Resets every field to its zero value. */
    public void clear() {
        version = 0;
        ipVersion = 0;
        srcHi = srcLo = dstHi = dstLo = nextHopLo = 0;
        srcPort = dstPort = protocol = tcpFlags = tos = srcMask = dstMask = 0;
        packets = bytes = reversePackets = reverseBytes = 0;
        samplingInterval = 1;
        startMillis = endMillis = 0;
        inputInterface = outputInterface = 0;
        srcMac = dstMac = 0;
        vlan = direction = 0;
        biflow = false;
        domain = 0;
        receivedMillis = 0;
    }

    /** Packets renormalised by the sampling interval. */
    public long scaledPackets() {
        return saturatedProduct(packets, samplingInterval);
    }

    /** Bytes renormalised by the sampling interval. */
    public long scaledBytes() {
        return saturatedProduct(bytes, samplingInterval);
    }

    private static long saturatedProduct(long counter, long interval) {
        long factor = Math.max(1, interval);
        long high = Math.multiplyHigh(counter, factor);
        long low = counter * factor;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /** The source IPv4 address as an int, valid when {@link #ipVersion} is 4. */
    public int src4() {
        return (int) srcLo;
    }

    /** The destination IPv4 address as an int, valid when {@link #ipVersion} is 4. */
    public int dst4() {
        return (int) dstLo;
    }

    /** The source address as text (allocates; for output, not for the hot path). */
    public String srcAddress() {
        return Addresses.format(ipVersion, srcHi, srcLo);
    }

    /** The destination address as text (allocates; for output, not for the hot path). */
    public String dstAddress() {
        return Addresses.format(ipVersion, dstHi, dstLo);
    }

    /** A detached copy, for sinks that keep records. */
    public FlowRecord copy() {
        FlowRecord c = new FlowRecord();
        c.copyFrom(this);
        return c;
    }

    /** Overwrites this record with another's values. */
    public void copyFrom(FlowRecord o) {
        version = o.version;
        ipVersion = o.ipVersion;
        srcHi = o.srcHi;
        srcLo = o.srcLo;
        dstHi = o.dstHi;
        dstLo = o.dstLo;
        nextHopLo = o.nextHopLo;
        srcPort = o.srcPort;
        dstPort = o.dstPort;
        protocol = o.protocol;
        tcpFlags = o.tcpFlags;
        tos = o.tos;
        srcMask = o.srcMask;
        dstMask = o.dstMask;
        packets = o.packets;
        bytes = o.bytes;
        reversePackets = o.reversePackets;
        reverseBytes = o.reverseBytes;
        samplingInterval = o.samplingInterval;
        startMillis = o.startMillis;
        endMillis = o.endMillis;
        inputInterface = o.inputInterface;
        outputInterface = o.outputInterface;
        srcMac = o.srcMac;
        dstMac = o.dstMac;
        vlan = o.vlan;
        direction = o.direction;
        biflow = o.biflow;
        domain = o.domain;
        receivedMillis = o.receivedMillis;
    }

    @Override
    public String toString() {
        return srcAddress() + ":" + srcPort + " -> " + dstAddress() + ":" + dstPort + " proto " + protocol
                + " pkts " + packets + " bytes " + bytes + " flags " + tcpFlags;
    }
}
