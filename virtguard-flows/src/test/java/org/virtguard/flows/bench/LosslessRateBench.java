package org.virtguard.flows.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.virtguard.flows.decode.FlowDecoder;

/**
 * Lossless-rate benchmark: replays a corpus benchmark stream over loopback at increasing rates to VirtGuard's
 * collector ({@link CollectorProcess}, full pipeline) and to Debian's nfcapd, each pinned to CPU 0 with taskset,
 * the sender on CPU 1, and reports received/sent per rate and the collector's CPU time over the run (VirtGuard's
 * from the moment it listens, after a {@value #WARM_UP_SECONDS} s JIT warm-up on a throwaway pipeline; nfcapd's
 * over its whole life, taken just before it is stopped). Run by hand from the module directory:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) org.virtguard.flows.bench.LosslessRateBench \
 *     softflowd_v9.dgr 3 500000,1000000,1500000,2000000,2600000,3000000 [inline|queued]
 * </pre>
 * VirtGuard's collector runs inline (receive and decode on one thread, the default) or queued.
 */
public final class LosslessRateBench {

    private static final Pattern NFCAPD_FLOWS = Pattern.compile("Flows: (\\d+)");
    /** JIT warm-up of VirtGuard's collector before it listens (see {@link CollectorProcess}); nfcapd needs none. */
    private static final int WARM_UP_SECONDS = 3;

    private LosslessRateBench() {
    }

    public static void main(String[] args) throws Exception {
        String stream = args[0];
        int seconds = Integer.parseInt(args[1]);
        String mode = args.length > 3 ? args[3] : "inline";
        List<byte[]> datagrams = BenchStreams.load(stream);
        int[] records = recordCounts(datagrams);
        System.out.printf("%-10s %12s %12s %12s %8s %8s%n", "collector", "rate/s", "sent", "received", "loss%",
                "cpu-s");
        for (String rateText : args[2].split(",")) {
            long rate = Long.parseLong(rateText);
            for (String collector : List.of("virtguard", "nfcapd")) {
                long[] result = run(collector, stream, datagrams, records, rate, seconds, mode);
                System.out.printf("%-10s %12d %12d %12d %8.3f %8.2f%n", collector, rate, result[0], result[1],
                        100.0 * (result[0] - result[1]) / Math.max(1, result[0]), result[2] / 1000.0);
            }
        }
    }

    /** The flow records in each datagram of a stream (its templates decoded in order). */
    public static int[] recordCounts(List<byte[]> datagrams) {
        int[] records = new int[datagrams.size()];
        FlowDecoder decoder = new FlowDecoder();
        var ex = decoder.exporter("count");
        for (int i = 0; i < records.length; i++) {
            records[i] = decoder.decode(ex, datagrams.get(i), 0, datagrams.get(i).length, 0, r -> { });
        }
        return records;
    }

    /**
     * One run of one collector ({@code virtguard}: {@link CollectorProcess}; {@code nfcapd}) at one rate, each
     * pinned to CPU 0 and this process to CPU 1; also used by the whole-service benchmark ({@code virtguard-bench}).
     *
     * @return flows sent, flows received, the collector's CPU milliseconds
     */
    public static long[] run(String collector, String stream, List<byte[]> datagrams, int[] records, long rate,
                             int seconds, String mode)
            throws Exception {
        Path dir = Files.createTempDirectory("vg-bench-");
        Process p;
        int port;
        if (collector.equals("virtguard")) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            p = new ProcessBuilder("taskset", "-c", "0", java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    CollectorProcess.class.getName(), stream, Integer.toString(WARM_UP_SECONDS), mode)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            port = awaitReady(p);
        } else {
            port = 20_000 + (int) (Math.random() * 20_000);
            p = new ProcessBuilder("taskset", "-c", "0", "nfcapd", "-w", dir.toString(), "-p", Integer.toString(port),
                    "-b", "127.0.0.1", "-B", Integer.toString(128 << 20), "-t", "3600")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nfcapd.log").toFile()).start();
            Thread.sleep(1000);
        }
        long sent = send(datagrams, records, rate, seconds, port);
        Thread.sleep(1500);
        long received;
        long cpuMillis;
        if (collector.equals("virtguard")) {
            p.getOutputStream().close();
            long[] reported = awaitRecords(p);
            received = reported[0];
            cpuMillis = reported[1];
        } else {
            cpuMillis = p.toHandle().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            String out = Files.readString(dir.resolve("nfcapd.log"));
            Matcher m = NFCAPD_FLOWS.matcher(out);
            received = m.find() ? Long.parseLong(m.group(1)) : -1;
        }
        return new long[] {sent, received, cpuMillis};
    }

    /**
     * Pins this whole process to CPU 1 and replays {@code datagrams} to {@code 127.0.0.1:port} at {@code rate} flow
     * records per second for {@code seconds}, paced by the clock (busy loop).
     *
     * @return flow records sent
     */
    public static long send(List<byte[]> datagrams, int[] records, long rate, int seconds, int port)
            throws IOException {
        new ProcessBuilder("taskset", "-a", "-p", "-c", "1", Long.toString(ProcessHandle.current().pid()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        List<ByteBuffer> buffers = new ArrayList<>();
        for (byte[] d : datagrams) {
            buffers.add(ByteBuffer.wrap(d));
        }
        long sent = 0;
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.connect(new InetSocketAddress("127.0.0.1", port));
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            int i = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                long due = (long) ((now - start) / 1e9 * rate);
                while (sent < due) {
                    ByteBuffer b = buffers.get(i).rewind();
                    ch.write(b);
                    sent += records[i];
                    i = i + 1 == buffers.size() ? 0 : i + 1;
                }
            }
        }
        return sent;
    }

    private static int awaitReady(Process p) throws IOException {
        BufferedReader r = p.inputReader(StandardCharsets.UTF_8);
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("ready ")) {
                return Integer.parseInt(line.substring(6).trim());
            }
            System.out.println("  collector: " + line);
        }
        throw new IOException("collector process ended before it was ready");
    }

    /** The records and CPU milliseconds the collector process reports. */
    private static long[] awaitRecords(Process p) throws IOException, InterruptedException {
        BufferedReader r = p.inputReader(StandardCharsets.UTF_8);
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("records ")) {
                System.out.println("  virtguard: " + line);
                p.waitFor(10, TimeUnit.SECONDS);
                String[] words = line.split(" ");
                return new long[] {Long.parseLong(words[1]), Long.parseLong(words[words.length - 1])};
            }
        }
        return new long[] {-1, -1};
    }
}
