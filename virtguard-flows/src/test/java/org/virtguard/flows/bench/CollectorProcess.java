package org.virtguard.flows.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.virtguard.flows.FlowPipeline;
import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.flows.decode.CounterSnapshot;
import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.transport.CollectorSettings;
import org.virtguard.flows.transport.UdpFlowCollector;

/**
 * The collector side of {@link LosslessRateBench}: VirtGuard's UDP collector with decoding, enrichment,
 * segmentation, all detectors and per-minute aggregation enabled. Prints {@code ready PORT}; when standard input
 * closes, prints {@code records N datagrams D drops Q kernel-drops K alerts A cpu-ms C} (Q: VirtGuard's queue,
 * K: the kernel's socket buffer, C: the process's CPU time from {@code ready} to the end) and exits. With arguments
 * {@code STREAM [SECONDS [inline|queued]]} it first runs the JIT compiler in by replaying that benchmark stream
 * through a throwaway decoder and pipeline (their state is discarded), as a long-running collector would be; the
 * collector runs inline (the default) or queued.
 */
public final class CollectorProcess {

    private CollectorProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            warmUp(args[0], args.length > 1 ? Integer.parseInt(args[1]) : 3);
        }
        AtomicLong alerts = new AtomicLong();
        EdgeAggregator aggregator = new EdgeAggregator(1_000_000);
        FlowPipeline pipeline = BenchPipeline.build(alerts, aggregator);
        boolean queued = args.length > 2 && args[2].equals("queued");
        CollectorSettings settings = new CollectorSettings(List.of(new InetSocketAddress("127.0.0.1", 0)), 128 << 20,
                16_384, 9216, queued ? 1 : 0);
        long[] lastDrain = new long[1];
        long cpuAtReady;
        try (UdpFlowCollector collector = new UdpFlowCollector(settings, new FlowDecoder(), pipeline,
                System::currentTimeMillis)) {
            collector.afterEachDatagram(() -> {
                long now = System.currentTimeMillis();
                if (now - lastDrain[0] > 1000) {
                    lastDrain[0] = now;
                    aggregator.drainBefore(now - 120_000);
                }
            });
            collector.start();
            collector.warnings().forEach(w -> System.out.println("warning " + w));
            cpuAtReady = processCpuNanos();
            System.out.println("ready " + collector.ports().getFirst());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // wait for the harness to close standard input
            }
            long last = -1;
            while (collector.processedDatagrams() != last) {
                last = collector.processedDatagrams();
                Thread.sleep(300);
            }
            List<CounterSnapshot> metrics = new ArrayList<>(collector.metrics());
            long records = metrics.stream().mapToLong(CounterSnapshot::records).sum();
            long datagrams = metrics.stream().mapToLong(CounterSnapshot::datagrams).sum();
            long cpuMillis = (processCpuNanos() - cpuAtReady) / 1_000_000;
            System.out.println("records " + records + " datagrams " + datagrams + " drops " + collector.drops()
                    + " kernel-drops " + collector.socketDrops().getFirst().dropsText()
                    + " alerts " + alerts.get() + " cpu-ms " + cpuMillis);
        }
    }

    /** Decodes {@code stream} through a throwaway decoder and pipeline for {@code seconds}, to compile the hot path. */
    private static void warmUp(String stream, int seconds) throws java.io.IOException {
        List<byte[]> datagrams = BenchStreams.load(stream);
        FlowDecoder decoder = new FlowDecoder();
        var exporter = decoder.exporter("warm-up");
        EdgeAggregator aggregator = new EdgeAggregator(1_000_000);
        FlowPipeline pipeline = BenchPipeline.build(new AtomicLong(), aggregator);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long now = System.currentTimeMillis();
            for (byte[] d : datagrams) {
                decoder.decode(exporter, d, 0, d.length, now, pipeline);
            }
            aggregator.drainBefore(now - 120_000);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
