package org.virtguard.cli.e2e;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a libpcap capture (Ethernet link type) holding TCP SYNs from one IPv4 address to another: a connection
 * attempt a flow exporter turns into one flow record.
 */
public final class SynCapture {

    private static final int ETHERNET = 14;
    private static final int IPV4 = 20;
    private static final int TCP = 20;

    private SynCapture() {
    }

    /**
     * Writes {@code attempts} SYNs (one a second, from {@code start}) from {@code from}:{@code sourcePort} to
     * {@code to}:{@code port}.
     */
    public static Path write(Path file, String from, int sourcePort, String to, int port, Instant start, int attempts)
            throws IOException {
        byte[] src = ipv4(from);
        byte[] dst = ipv4(to);
        int frame = ETHERNET + IPV4 + TCP;
        ByteBuffer out = ByteBuffer.allocate(PcapHeader.SIZE + attempts * (16 + frame)).order(ByteOrder.LITTLE_ENDIAN);
        PcapHeader.write(out);
        for (int i = 0; i < attempts; i++) {
            Instant at = start.plusSeconds(i);
            out.putInt((int) at.getEpochSecond()).putInt(at.getNano() / 1000).putInt(frame).putInt(frame);
            out.put(packet(src, sourcePort, dst, port, 1000 + i));
        }
        return Files.write(file, out.array());
    }

    private static byte[] packet(byte[] src, int sourcePort, byte[] dst, int port, int id) {
        ByteBuffer p = ByteBuffer.allocate(ETHERNET + IPV4 + TCP).order(ByteOrder.BIG_ENDIAN);
        p.put(new byte[] {0x52, 0x54, 0, 0x0b, 0, 2}).put(new byte[] {0x52, 0x54, 0, 0x0a, 0, 1})
                .putShort((short) 0x0800);
        int ip = p.position();
        p.put((byte) 0x45).put((byte) 0).putShort((short) (IPV4 + TCP)).putShort((short) id).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
        p.putShort(ip + 10, (short) checksum(p.array(), ip, IPV4, 0));
        int tcp = p.position();
        p.putShort((short) sourcePort).putShort((short) port).putInt(0x1000_0000 + id).putInt(0)
                .put((byte) 0x50).put((byte) 0x02).putShort((short) 64240).putShort((short) 0).putShort((short) 0);
        long pseudo = sum(src, 0, 4) + sum(dst, 0, 4) + 6 + TCP;
        p.putShort(tcp + 16, (short) checksum(p.array(), tcp, TCP, pseudo));
        return p.array();
    }

    private static int checksum(byte[] data, int offset, int length, long initial) {
        long s = initial + sum(data, offset, length);
        while ((s >> 16) != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) (~s & 0xffff);
    }

    private static long sum(byte[] data, int offset, int length) {
        long s = 0;
        for (int i = 0; i < length; i += 2) {
            s += ((data[offset + i] & 0xff) << 8) | (i + 1 < length ? data[offset + i + 1] & 0xff : 0);
        }
        return s;
    }

    private static byte[] ipv4(String address) throws IOException {
        InetAddress a = InetAddress.getByName(address);
        if (!(a instanceof Inet4Address)) {
            throw new IOException("not an IPv4 address: " + address);
        }
        return a.getAddress();
    }
}
