package org.virtguard.flows.bench;

import java.util.List;

import org.virtguard.flows.decode.Exporter;
import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.decode.FlowSink;

/**
 * A plain timing loop over a benchmark stream, for a quick look without JMH:
 * {@code java -cp <test classpath> org.virtguard.flows.bench.DecodeLoop softflowd_v9.dgr 10 [pipeline]}.
 */
public final class DecodeLoop {

    private DecodeLoop() {
    }

    public static void main(String[] args) throws Exception {
        List<byte[]> datagrams = BenchStreams.load(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        FlowDecoder decoder = new FlowDecoder();
        Exporter exporter = decoder.exporter("127.0.0.1");
        long[] sum = new long[1];
        boolean full = args.length > 2 && args[2].equals("pipeline");
        java.util.concurrent.atomic.AtomicLong alerts = new java.util.concurrent.atomic.AtomicLong();
        org.virtguard.flows.aggregate.EdgeAggregator aggregator = new org.virtguard.flows.aggregate.EdgeAggregator(1_000_000);
        FlowSink pipeline = BenchPipeline.build(alerts, aggregator);
        FlowSink sink = full ? pipeline : r -> sum[0] += r.bytes;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long records = 0;
        long start = System.nanoTime();
        long lastReport = start;
        long lastRecords = 0;
        while (System.nanoTime() < end) {
            long t = System.currentTimeMillis();
            for (byte[] d : datagrams) {
                records += decoder.decode(exporter, d, 0, d.length, t, sink);
            }
            aggregator.drainBefore(t - 120_000);
            long now = System.nanoTime();
            if (now - lastReport > 1_000_000_000L) {
                System.out.printf("%s: %.2f M records/s%n", args[0], (records - lastRecords) * 1e3 / (now - lastReport));
                lastReport = now;
                lastRecords = records;
            }
        }
        System.out.printf("%s: overall %.2f M records/s, %.2f M records per CPU-second (checksum %d, alerts %d)%n",
                args[0], records * 1e3 / (System.nanoTime() - start),
                records * 1e3 / (threads.getCurrentThreadCpuTime() - cpuStart), sum[0], alerts.get());
    }
}
