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
 * Reads a datagram stream file: each exported UDP payload as {@code [4-byte big-endian length][payload]}, in send
 * order (the corpus {@code stream.dgr} format). Lengths above {@link #MAX_DATAGRAM} or a payload cut short end the
 * stream with an {@link IOException} naming the file and the datagram's index and offset.
 */
public final class DatagramStreamReader implements Closeable {

    /** The largest UDP payload. */
    public static final int MAX_DATAGRAM = 65_535;

    private final String name;
    private final DataInputStream in;
    private long offset;
    private long index;

    /** Opens {@code file}. */
    public DatagramStreamReader(Path file) throws IOException {
        this(Files.newInputStream(file), file.toString());
    }

    /** Reads from {@code in}; {@code name} names the source in errors. */
    public DatagramStreamReader(InputStream in, String name) {
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        this.name = name;
    }

    /**
     * Reads the next datagram into {@code buffer} (at least {@link #MAX_DATAGRAM} bytes) and returns its length,
     * or -1 at the end of the stream.
     */
    public int next(byte[] buffer) throws IOException {
        int first = in.read();
        if (first < 0) {
            return -1;
        }
        int length;
        try {
            length = (first << 24) | (in.readUnsignedByte() << 16) | in.readUnsignedShort();
        } catch (EOFException e) {
            throw new IOException(name + ": datagram #" + index + " at offset " + offset
                    + ": length prefix cut short");
        }
        if (length < 0 || length > MAX_DATAGRAM) {
            throw new IOException(name + ": datagram #" + index + " at offset " + offset + " declares length "
                    + Integer.toUnsignedString(length) + " (at most " + MAX_DATAGRAM + ")");
        }
        try {
            in.readFully(buffer, 0, length);
        } catch (EOFException e) {
            throw new IOException(name + ": datagram #" + index + " at offset " + offset + " declares " + length
                    + " bytes but the file ends first");
        }
        offset += 4 + length;
        index++;
        return length;
    }

    /** How many datagrams were read so far. */
    public long datagramsRead() {
        return index;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
