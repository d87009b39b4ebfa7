package org.virtguard.flows.decode;

import java.util.Arrays;

/**
 * A decode plan compiled once when a data template arrives, for the common case: every field has a fixed length,
 * no element fills the same record slot twice, and the fields are among the usual flow keys and counters
 * (addresses of 4 or 16 bytes, ports, protocol, TOS, TCP flags, masks, interfaces, direction, ICMP type, forward
 * and reverse counters, uptime or millisecond timestamps). Each slot's offset is precomputed, so a record is
 * decoded in straight-line code with no per-field length parsing or dispatch, and writes the same values as the
 * general per-field decoder in {@link TemplateFlowDecoder}. Templates outside this case get no layout
 * ({@link #compile} returns null) and keep the general decoder. Immutable.
 */
final class FixedLayout {

    private static final int ABSENT = -1;

    /** Bytes per record. */
    final int recordLength;

    private final int ipVersion;
    private final boolean biflow;
    private final int srcAddr;
    private final boolean srcV6;
    private final int dstAddr;
    private final boolean dstV6;
    private final int srcPort;
    private final int srcPortLen;
    private final int dstPort;
    private final int dstPortLen;
    private final int protocol;
    private final int protocolLen;
    private final int tos;
    private final int tosLen;
    private final int tcpFlags;
    private final int tcpFlagsLen;
    private final int srcMask;
    private final int srcMaskLen;
    private final int dstMask;
    private final int dstMaskLen;
    private final int direction;
    private final int directionLen;
    private final int icmp;
    private final int icmpLen;
    private final int bytes;
    private final int bytesLen;
    private final int packets;
    private final int packetsLen;
    private final int reverseBytes;
    private final int reverseBytesLen;
    private final int reversePackets;
    private final int reversePacketsLen;
    private final int inIf;
    private final int inIfLen;
    private final int outIf;
    private final int outIfLen;
    private final int startUp;
    private final int startUpLen;
    private final int endUp;
    private final int endUpLen;
    private final int startMillis;
    private final int startMillisLen;
    private final int endMillis;
    private final int endMillisLen;

    private FixedLayout(int recordLength, int[] offset, int[] length) {
        this.recordLength = recordLength;
        srcAddr = offset[Slot.SRC_ADDR];
        srcV6 = length[Slot.SRC_ADDR] == 16;
        dstAddr = offset[Slot.DST_ADDR];
        dstV6 = length[Slot.DST_ADDR] == 16;
        ipVersion = srcV6 || dstV6 ? 6 : srcAddr != ABSENT || dstAddr != ABSENT ? 4 : 0;
        biflow = offset[Slot.REVERSE_BYTES] != ABSENT || offset[Slot.REVERSE_PACKETS] != ABSENT;
        srcPort = offset[Slot.SRC_PORT];
        srcPortLen = length[Slot.SRC_PORT];
        dstPort = offset[Slot.DST_PORT];
        dstPortLen = length[Slot.DST_PORT];
        protocol = offset[Slot.PROTOCOL];
        protocolLen = length[Slot.PROTOCOL];
        tos = offset[Slot.TOS];
        tosLen = length[Slot.TOS];
        tcpFlags = offset[Slot.TCP_FLAGS];
        tcpFlagsLen = length[Slot.TCP_FLAGS];
        srcMask = offset[Slot.SRC_MASK];
        srcMaskLen = length[Slot.SRC_MASK];
        dstMask = offset[Slot.DST_MASK];
        dstMaskLen = length[Slot.DST_MASK];
        direction = offset[Slot.DIRECTION];
        directionLen = length[Slot.DIRECTION];
        icmp = offset[Slot.ICMP];
        icmpLen = length[Slot.ICMP];
        bytes = offset[Slot.BYTES];
        bytesLen = length[Slot.BYTES];
        packets = offset[Slot.PACKETS];
        packetsLen = length[Slot.PACKETS];
        reverseBytes = offset[Slot.REVERSE_BYTES];
        reverseBytesLen = length[Slot.REVERSE_BYTES];
        reversePackets = offset[Slot.REVERSE_PACKETS];
        reversePacketsLen = length[Slot.REVERSE_PACKETS];
        inIf = offset[Slot.IN_IF];
        inIfLen = length[Slot.IN_IF];
        outIf = offset[Slot.OUT_IF];
        outIfLen = length[Slot.OUT_IF];
        startUp = offset[Slot.START_UPTIME];
        startUpLen = length[Slot.START_UPTIME];
        endUp = offset[Slot.END_UPTIME];
        endUpLen = length[Slot.END_UPTIME];
        startMillis = offset[Slot.START_MILLIS];
        startMillisLen = length[Slot.START_MILLIS];
        endMillis = offset[Slot.END_MILLIS];
        endMillisLen = length[Slot.END_MILLIS];
    }

    /**
     * The layout of a data template with these field lengths and slots, or null when the template needs the
     * general decoder (a variable-length field, a slot filled twice, an address neither 4 nor 16 bytes, or a slot
     * this layout does not cover, such as sampling, MAC, VLAN or second/NTP timestamps).
     */
    static FixedLayout compile(int[] lengths, int[] slots) {
        int[] offset = new int[Slot.SAMPLING_SPACE + 1];
        int[] length = new int[offset.length];
        Arrays.fill(offset, ABSENT);
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            int len = lengths[i];
            int slot = slots[i];
            if (len == Template.VARIABLE || len <= 0) {
                return null;
            }
            if (slot != Slot.SKIP) {
                if (!covered(slot) || offset[slot] != ABSENT) {
                    return null;
                }
                if ((slot == Slot.SRC_ADDR || slot == Slot.DST_ADDR) && len != 4 && len != 16) {
                    return null;
                }
                offset[slot] = at;
                length[slot] = len;
            }
            at += len;
        }
        return at == 0 ? null : new FixedLayout(at, offset, length);
    }

    private static boolean covered(int slot) {
        return switch (slot) {
            case Slot.BYTES, Slot.PACKETS, Slot.PROTOCOL, Slot.TOS, Slot.TCP_FLAGS, Slot.SRC_PORT, Slot.DST_PORT,
                 Slot.SRC_ADDR, Slot.DST_ADDR, Slot.SRC_MASK, Slot.DST_MASK, Slot.IN_IF, Slot.OUT_IF,
                 Slot.START_UPTIME, Slot.END_UPTIME, Slot.START_MILLIS, Slot.END_MILLIS, Slot.ICMP, Slot.DIRECTION,
                 Slot.REVERSE_BYTES, Slot.REVERSE_PACKETS -> true;
            default -> false;
        };
    }

    /**
     * Fills {@code r} (already cleared) from the record at {@code p}, which the caller has checked holds
     * {@link #recordLength} bytes. Uptime timestamps are relative to {@code boot} (epoch milliseconds).
     */
    void decode(byte[] b, int p, long boot, FlowRecord r) {
        r.ipVersion = ipVersion;
        if (srcAddr != ABSENT) {
            if (srcV6) {
                r.srcHi = Bytes.s64(b, p + srcAddr);
                r.srcLo = Bytes.s64(b, p + srcAddr + 8);
            } else {
                r.srcLo = Bytes.u32(b, p + srcAddr);
            }
        }
        if (dstAddr != ABSENT) {
            if (dstV6) {
                r.dstHi = Bytes.s64(b, p + dstAddr);
                r.dstLo = Bytes.s64(b, p + dstAddr + 8);
            } else {
                r.dstLo = Bytes.u32(b, p + dstAddr);
            }
        }
        if (srcPort != ABSENT) {
            r.srcPort = (int) Bytes.unsigned(b, p + srcPort, srcPortLen) & 0xffff;
        }
        if (dstPort != ABSENT) {
            r.dstPort = (int) Bytes.unsigned(b, p + dstPort, dstPortLen) & 0xffff;
        }
        if (protocol != ABSENT) {
            r.protocol = (int) Bytes.unsigned(b, p + protocol, protocolLen) & 0xff;
        }
        if (tos != ABSENT) {
            r.tos = (int) Bytes.unsigned(b, p + tos, tosLen) & 0xff;
        }
        if (tcpFlags != ABSENT) {
            r.tcpFlags = (int) Bytes.unsigned(b, p + tcpFlags, tcpFlagsLen) & 0xffff;
        }
        if (srcMask != ABSENT) {
            r.srcMask = (int) Bytes.unsigned(b, p + srcMask, srcMaskLen) & 0xff;
        }
        if (dstMask != ABSENT) {
            r.dstMask = (int) Bytes.unsigned(b, p + dstMask, dstMaskLen) & 0xff;
        }
        if (direction != ABSENT) {
            r.direction = (int) Bytes.unsigned(b, p + direction, directionLen) & 0xff;
        }
        if (bytes != ABSENT) {
            r.bytes = counter(b, p + bytes, bytesLen);
        }
        if (packets != ABSENT) {
            r.packets = counter(b, p + packets, packetsLen);
        }
        if (biflow) {
            r.biflow = true;
            if (reverseBytes != ABSENT) {
                r.reverseBytes = counter(b, p + reverseBytes, reverseBytesLen);
            }
            if (reversePackets != ABSENT) {
                r.reversePackets = counter(b, p + reversePackets, reversePacketsLen);
            }
        }
        if (inIf != ABSENT) {
            r.inputInterface = Bytes.unsigned(b, p + inIf, inIfLen);
        }
        if (outIf != ABSENT) {
            r.outputInterface = Bytes.unsigned(b, p + outIf, outIfLen);
        }
        if (startMillis != ABSENT) {
            r.startMillis = Bytes.unsigned(b, p + startMillis, startMillisLen);
        }
        if (endMillis != ABSENT) {
            r.endMillis = Bytes.unsigned(b, p + endMillis, endMillisLen);
        }
        if (startUp != ABSENT) {
            long up = Bytes.unsigned(b, p + startUp, startUpLen);
            if (up >= 0) {
                r.startMillis = boot + up;
            }
        }
        if (endUp != ABSENT) {
            long up = Bytes.unsigned(b, p + endUp, endUpLen);
            if (up >= 0) {
                r.endMillis = boot + up;
            }
        }
        if (icmp != ABSENT && (r.protocol == 1 || r.protocol == 58)) {
            r.dstPort = (int) Bytes.unsigned(b, p + icmp, icmpLen) & 0xffff;
        }
    }

    private static long counter(byte[] b, int at, int len) {
        long v = Bytes.unsigned(b, at, len);
        return v < 0 ? Long.MAX_VALUE : v;
    }
}
