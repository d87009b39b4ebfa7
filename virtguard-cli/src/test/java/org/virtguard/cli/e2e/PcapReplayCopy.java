package org.virtguard.cli.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * A copy of a libpcap capture (microsecond, little-endian, Ethernet) for replaying it as new traffic: every packet
 * moved in time so that the first one is at a given instant (gaps as captured), and optionally one IPv4 address
 * replaced by another as source and destination (the IPv4 header checksum recomputed), so that a second replay is a
 * second, distinct actor to the detectors.
 */
public final class PcapReplayCopy {

    private static final int ETHERNET = 14;

    private PcapReplayCopy() {
    }

    /** Writes {@code capture} moved to start at {@code firstPacket} to {@code copy}. */
    public static Path copy(Path capture, Path copy, Instant firstPacket) throws IOException {
        return copy(capture, copy, firstPacket, null, null);
    }

    /** As {@link #copy(Path, Path, Instant)}, with IPv4 address {@code from} replaced by {@code to}. */
    public static Path copy(Path capture, Path copy, Instant firstPacket, String from, String to) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(capture)).order(ByteOrder.LITTLE_ENDIAN);
        if (data.limit() < PcapHeader.SIZE || data.getInt(0) != PcapHeader.MAGIC || data.getInt(20) != 1) {
            throw new IOException(capture + " is not a little-endian microsecond Ethernet libpcap file");
        }
        byte[] old = from == null ? null : InetAddress.getByName(from).getAddress();
        byte[] replacement = to == null ? null : InetAddress.getByName(to).getAddress();
        long shift = Long.MIN_VALUE;
        int at = PcapHeader.SIZE;
        while (at + 16 <= data.limit()) {
            long seconds = Integer.toUnsignedLong(data.getInt(at));
            if (shift == Long.MIN_VALUE) {
                shift = firstPacket.getEpochSecond() - seconds;
            }
            data.putInt(at, (int) (seconds + shift));
            int length = data.getInt(at + 8);
            if (old != null) {
                replace(data.array(), at + 16, length, old, replacement);
            }
            at += 16 + length;
        }
        return Files.write(copy, data.array());
    }

    private static void replace(byte[] frame, int start, int length, byte[] old, byte[] replacement) {
        int ip = start + ETHERNET;
        if (length < ETHERNET + 20 || frame[start + 12] != 0x08 || frame[start + 13] != 0x00
                || (frame[ip] >> 4) != 4) {
            return;
        }
        boolean changed = false;
        for (int field : new int[] {ip + 12, ip + 16}) {
            if (Arrays.equals(frame, field, field + 4, old, 0, 4)) {
                System.arraycopy(replacement, 0, frame, field, 4);
                changed = true;
            }
        }
        if (changed) {
            int headerLength = (frame[ip] & 0x0f) * 4;
            frame[ip + 10] = 0;
            frame[ip + 11] = 0;
            long sum = 0;
            for (int i = 0; i < headerLength; i += 2) {
                sum += ((frame[ip + i] & 0xff) << 8) | (frame[ip + i + 1] & 0xff);
            }
            while ((sum >> 16) != 0) {
                sum = (sum & 0xffff) + (sum >> 16);
            }
            frame[ip + 10] = (byte) (~sum >> 8);
            frame[ip + 11] = (byte) ~sum;
        }
    }
}
