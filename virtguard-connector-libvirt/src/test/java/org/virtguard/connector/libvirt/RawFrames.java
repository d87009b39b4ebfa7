package org.virtguard.connector.libvirt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Sends Ethernet broadcast frames out of a Linux bridge through an {@code AF_PACKET} socket (needs root): real frames
 * through the real bridge towards every guest on it, so that a test can see the firewall rules libvirt installed for
 * a vNIC count and drop them (no guest software needed: a diskless guest reads nothing from its NIC). The frames carry
 * the local experimental EtherType 0x88b5 from a locally administered MAC.
 */
final class RawFrames {

    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int ETHERTYPE = 0x88b5;

    private RawFrames() {
    }

    /** The libc calls used. */
    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol);

        long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength);

        int close(int fd);
    }

    /** Sends {@code count} broadcast frames out of {@code bridge}. */
    static void broadcast(String bridge, int count) throws IOException {
        int ifindex = Integer.parseInt(Files.readString(Path.of("/sys/class/net", bridge, "ifindex")).trim());
        byte[] frame = new byte[60];
        ByteBuffer f = ByteBuffer.wrap(frame).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 6; i++) {
            f.put((byte) 0xff);
        }
        f.put(new byte[] {0x02, 0x56, 0x47, 0x00, 0x00, 0x01}).putShort((short) ETHERTYPE);
        ByteBuffer addr = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        addr.putShort((short) AF_PACKET).order(ByteOrder.BIG_ENDIAN).putShort((short) ETHERTYPE)
                .order(ByteOrder.LITTLE_ENDIAN).putInt(ifindex).putShort((short) 0).put((byte) 0).put((byte) 6);
        for (int i = 0; i < 6; i++) {
            addr.put((byte) 0xff);
        }
        int fd = LibC.INSTANCE.socket(AF_PACKET, SOCK_RAW, 0);
        if (fd < 0) {
            throw new IOException("socket(AF_PACKET) failed: errno " + Native.getLastError() + " (root needed)");
        }
        try {
            for (int i = 0; i < count; i++) {
                if (LibC.INSTANCE.sendto(fd, frame, frame.length, 0, addr.array(), 20) != frame.length) {
                    throw new IOException("sendto on " + bridge + " failed: errno " + Native.getLastError());
                }
            }
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }
}
