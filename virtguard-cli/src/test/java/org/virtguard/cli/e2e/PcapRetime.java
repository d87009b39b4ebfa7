package org.virtguard.cli.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Copies a libpcap capture (microsecond, little-endian) with every packet moved in time so that the first one is
 * at a given instant and the gaps stay as captured: a replayed capture then looks like traffic of today.
 */
public final class PcapRetime {

    private PcapRetime() {
    }

    /** Writes the moved copy of {@code capture} to {@code copy}. */
    public static Path copy(Path capture, Path copy, Instant firstPacket) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(capture)).order(ByteOrder.LITTLE_ENDIAN);
        if (data.remaining() < PcapHeader.SIZE || data.getInt(0) != PcapHeader.MAGIC) {
            throw new IOException(capture + " is not a little-endian microsecond libpcap file");
        }
        long shift = Long.MIN_VALUE;
        int at = PcapHeader.SIZE;
        while (at + 16 <= data.limit()) {
            long seconds = Integer.toUnsignedLong(data.getInt(at));
            if (shift == Long.MIN_VALUE) {
                shift = firstPacket.getEpochSecond() - seconds;
            }
            data.putInt(at, (int) (seconds + shift));
            at += 16 + data.getInt(at + 8);
        }
        return Files.write(copy, data.array());
    }
}
