package org.virtguard.flows.transport;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the UDP payloads of a classic pcap file of exported flow datagrams (link types Ethernet, raw IP and Linux
 * cooked capture; IPv4 and IPv6). Packets that are not UDP, fragments and truncated captures are skipped and
 * counted; a corrupt record header ends the file with an {@link IOException} naming it.
 */
public final class PcapDatagramReader implements Closeable {

    private static final int MAX_SNAP = 262_144;

    private final String name;
    private final DataInputStream in;
    private final boolean swapped;
    private final boolean nanos;
    private final int linkType;
    private final byte[] frame = new byte[MAX_SNAP];
    private long packets;
    private long skipped;
    private long timestampMillis;
    private String source = "";

    /** Opens {@code file} and reads its global header. */
    public PcapDatagramReader(Path file) throws IOException {
        this(Files.newInputStream(file), file.toString());
    }

    /** Reads from {@code in}; {@code name} names the source in errors. */
    public PcapDatagramReader(InputStream stream, String name) throws IOException {
        this.name = name;
        this.in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IOException(name + ": not a pcap file (shorter than its header)");
        }
        switch (magic) {
            case 0xa1b2c3d4 -> { swapped = false; nanos = false; }
            case 0xd4c3b2a1 -> { swapped = true; nanos = false; }
            case 0xa1b23c4d -> { swapped = false; nanos = true; }
            case 0x4d3cb2a1 -> { swapped = true; nanos = true; }
            default -> throw new IOException(name + ": not a classic pcap file (magic "
                    + Integer.toHexString(magic) + "; pcapng is not read, convert it with editcap -F pcap)");
        }
        in.skipNBytes(16);
        linkType = int32() & 0x0fff_ffff;
        if (linkType != 1 && linkType != 101 && linkType != 12 && linkType != 113 && linkType != 228) {
            throw new IOException(name + ": unsupported pcap link type " + linkType);
        }
    }

    private int int32() throws IOException {
        int v = in.readInt();
        return swapped ? Integer.reverseBytes(v) : v;
    }

    /**
     * Reads the next UDP payload into {@code buffer} (at least 65,535 bytes) and returns its length, or -1 at the
     * end of the file. {@link #source()} and {@link #timestampMillis()} then describe it.
     */
    public int next(byte[] buffer) throws IOException {
        while (true) {
            int seconds;
            try {
                seconds = int32();
            } catch (EOFException e) {
                return -1;
            }
            int fraction;
            int captured;
            try {
                fraction = int32();
                captured = int32();
                int32();
            } catch (EOFException e) {
                throw new IOException(name + ": packet record #" + packets + " header cut short");
            }
            if (captured < 0 || captured > MAX_SNAP) {
                throw new IOException(name + ": packet record #" + packets + " declares captured length "
                        + Integer.toUnsignedString(captured) + " (at most " + MAX_SNAP + ")");
            }
            try {
                in.readFully(frame, 0, captured);
            } catch (EOFException e) {
                throw new IOException(name + ": packet record #" + packets + " cut short");
            }
            packets++;
            timestampMillis = (seconds & 0xffff_ffffL) * 1000
                    + (nanos ? (fraction & 0xffff_ffffL) / 1_000_000 : (fraction & 0xffff_ffffL) / 1000);
            int length = udpPayload(captured, buffer);
            if (length >= 0) {
                return length;
            }
            skipped++;
        }
    }

    private int udpPayload(int captured, byte[] buffer) {
        int p;
        int type;
        switch (linkType) {
            case 1 -> {
                if (captured < 14) {
                    return -1;
                }
                type = u16(12);
                p = 14;
                while (type == 0x8100 && captured >= p + 4) {
                    type = u16(p + 2);
                    p += 4;
                }
            }
            case 113 -> {
                if (captured < 16) {
                    return -1;
                }
                type = u16(14);
                p = 16;
            }
            case 228 -> {
                type = 0x0800;
                p = 0;
            }
            default -> {
                if (captured < 1) {
                    return -1;
                }
                type = (frame[0] & 0xf0) == 0x60 ? 0x86dd : 0x0800;
                p = 0;
            }
        }
        int udp;
        if (type == 0x0800) {
            if (captured < p + 20 || (frame[p] & 0xf0) != 0x40 || (frame[p + 9] & 0xff) != 17
                    || (u16(p + 6) & 0x3fff) != 0) {
                return -1;
            }
            source = (frame[p + 12] & 0xff) + "." + (frame[p + 13] & 0xff) + "." + (frame[p + 14] & 0xff) + "."
                    + (frame[p + 15] & 0xff);
            udp = p + (frame[p] & 0x0f) * 4;
        } else if (type == 0x86dd) {
            if (captured < p + 40 || (frame[p + 6] & 0xff) != 17) {
                return -1;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i += 2) {
                sb.append(i == 0 ? "" : ":").append(Integer.toHexString(u16(p + 8 + i)));
            }
            source = sb.toString();
            udp = p + 40;
        } else {
            return -1;
        }
        if (captured < udp + 8) {
            return -1;
        }
        int udpLength = u16(udp + 4);
        int payload = Math.min(captured - udp - 8, udpLength - 8);
        if (payload < 0) {
            return -1;
        }
        System.arraycopy(frame, udp + 8, buffer, 0, payload);
        return payload;
    }

    private int u16(int i) {
        return ((frame[i] & 0xff) << 8) | (frame[i + 1] & 0xff);
    }

    /** The source address of the last datagram returned. */
    public String source() {
        return source;
    }

    /** The capture time of the last datagram returned. */
    public long timestampMillis() {
        return timestampMillis;
    }

    /** Packets read that were not UDP datagrams (or were truncated or fragments). */
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
