package org.virtguard.flows.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.virtguard.flows.transport.DatagramStreamReader;

/** Loads the {@code flows-bench} datagram streams of the shared corpus into memory. */
public final class BenchStreams {

    private BenchStreams() {
    }

    public static Path corpus() {
        return org.virtguard.connector.tck.TestEnvironment.corpora().resolve("flows-bench");
    }

    public static List<byte[]> load(String name) throws IOException {
        List<byte[]> out = new ArrayList<>();
        byte[] buffer = new byte[DatagramStreamReader.MAX_DATAGRAM];
        try (DatagramStreamReader r = new DatagramStreamReader(corpus().resolve(name))) {
            for (int n = r.next(buffer); n >= 0; n = r.next(buffer)) {
                out.add(Arrays.copyOf(buffer, n));
            }
        }
        return out;
    }
}
