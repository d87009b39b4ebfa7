package org.virtguard.flows.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.virtguard.flows.decode.Exporter;
import org.virtguard.flows.decode.FlowDecoder;

/**
 * Decode throughput on the corpus benchmark streams, one thread. The score is datagrams per second; multiply by
 * records per datagram (printed at setup) for records per second. Run by hand:
 * {@code java -cp <test classpath> org.openjdk.jmh.Main DecodeBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class DecodeBenchmark {

    @Param({"softflowd_v9.dgr", "softflowd_v10.dgr", "softflowd_v5.dgr", "sflow.dgr"})
    public String stream;

    private List<byte[]> datagrams;
    private FlowDecoder decoder;
    private Exporter exporter;
    private int next;
    private long records;

    @Setup(Level.Trial)
    public void load() throws IOException {
        datagrams = BenchStreams.load(stream);
        decoder = new FlowDecoder();
        exporter = decoder.exporter("127.0.0.1");
        long total = 0;
        for (byte[] d : datagrams) {
            total += decoder.decode(exporter, d, 0, d.length, 0, r -> { });
        }
        System.out.printf("%n%s: %d datagrams, %d records, %.2f records per datagram%n", stream, datagrams.size(),
                total, (double) total / datagrams.size());
        next = 1;
    }

    /** Decodes one datagram (the template datagram is decoded once at setup and skipped in the loop). */
    @Benchmark
    public int decodeOneDatagram(Blackhole bh) {
        byte[] d = datagrams.get(next);
        next = next + 1 == datagrams.size() ? 1 : next + 1;
        return decoder.decode(exporter, d, 0, d.length, 0, r -> bh.consume(r.bytes));
    }
}
