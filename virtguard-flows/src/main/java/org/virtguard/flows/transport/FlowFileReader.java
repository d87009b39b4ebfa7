package org.virtguard.flows.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.decode.FlowSink;

/**
 * Decodes a file of exported flow datagrams: a classic pcap of the UDP datagrams, or a datagram stream
 * ({@code [4-byte length][payload]}...), told apart by the pcap magic number. For offline analysis and replay.
 */
public final class FlowFileReader {

    private FlowFileReader() {
    }

    /**
     * Decodes every datagram of {@code file} with {@code decoder} into {@code sink}. Datagrams from a stream file
     * are attributed to exporter {@code defaultExporter}; pcap datagrams to their source address. Returns the
     * number of datagrams read.
     *
     * @param receivedMillis arrival time for stream files, which carry none (pcap files use capture times)
     */
    public static long decode(Path file, FlowDecoder decoder, FlowSink sink, String defaultExporter,
                              long receivedMillis) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a file");
        }
        byte[] buffer = new byte[DatagramStreamReader.MAX_DATAGRAM];
        long n = 0;
        if (isPcap(file)) {
            try (PcapDatagramReader reader = new PcapDatagramReader(file)) {
                for (int len = reader.next(buffer); len >= 0; len = reader.next(buffer)) {
                    decoder.decode(decoder.exporter(reader.source()), buffer, 0, len, reader.timestampMillis(), sink);
                    n++;
                }
            }
        } else {
            try (DatagramStreamReader reader = new DatagramStreamReader(file)) {
                var exporter = decoder.exporter(defaultExporter);
                for (int len = reader.next(buffer); len >= 0; len = reader.next(buffer)) {
                    decoder.decode(exporter, buffer, 0, len, receivedMillis, sink);
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean isPcap(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            if (magic.length < 4) {
                return false;
            }
            int m = ((magic[0] & 0xff) << 24) | ((magic[1] & 0xff) << 16) | ((magic[2] & 0xff) << 8) | (magic[3] & 0xff);
            return m == 0xa1b2c3d4 || m == 0xd4c3b2a1 || m == 0xa1b23c4d || m == 0x4d3cb2a1;
        }
    }
}
