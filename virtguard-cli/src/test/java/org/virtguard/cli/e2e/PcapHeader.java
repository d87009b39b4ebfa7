package org.virtguard.cli.e2e;

import java.nio.ByteBuffer;

/** The libpcap global header: microsecond timestamps, version 2.4, Ethernet link type. */
final class PcapHeader {

    static final int SIZE = 24;
    static final int MAGIC = 0xa1b2c3d4;

    private PcapHeader() {
    }

    /** Writes the header into {@code out}, which must be little-endian. */
    static void write(ByteBuffer out) {
        out.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535).putInt(1);
    }
}
