package org.virtguard.flows.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.virtguard.flows.decode.CounterSnapshot;
import org.virtguard.flows.decode.FlowDecoder;

class UdpFlowCollectorTest {

    private static byte[] v5(int flows) {
        ByteBuffer b = ByteBuffer.allocate(24 + 48 * flows);
        b.putShort((short) 5).putShort((short) flows).putInt(1000).putInt(1_700_000_000).putInt(0).putInt(0)
                .putInt(0);
        for (int i = 0; i < flows; i++) {
            b.putInt(0x0a000001).putInt(0x0a000002 + i).putInt(0).putShort((short) 1).putShort((short) 2)
                    .putInt(1).putInt(60).putInt(10).putInt(20).putShort((short) 40000).putShort((short) 443)
                    .put((byte) 0).put((byte) 0x12).put((byte) 6).put((byte) 0).putInt(0).put((byte) 24)
                    .put((byte) 24).putShort((short) 0);
        }
        return b.array();
    }

    @Test
    void underOverloadDatagramsAreDroppedAndCountedNotQueuedWithoutBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong seen = new AtomicLong();
        CollectorSettings settings = new CollectorSettings(List.of(new InetSocketAddress("127.0.0.1", 0)), 1 << 20,
                2, 1500);
        try (UdpFlowCollector collector = new UdpFlowCollector(settings, new FlowDecoder(), blockingSink(seen, release), System::currentTimeMillis)) {
            collector.start();
            try (DatagramChannel ch = DatagramChannel.open()) {
                ch.connect(new InetSocketAddress("127.0.0.1", collector.ports().getFirst()));
                for (int i = 0; i < 50; i++) {
                    ch.write(ByteBuffer.wrap(v5(1)));
                }
            }
            for (int i = 0; i < 50 && collector.drops() == 0; i++) {
                Thread.sleep(50);
            }
            release.countDown();
            for (int i = 0; i < 50 && collector.processedDatagrams() + collector.drops() < 50; i++) {
                Thread.sleep(50);
            }

            assertThat(collector.drops()).isPositive();
            assertThat(collector.processedDatagrams()).isLessThanOrEqualTo(50 - collector.drops());
            CounterSnapshot metrics = collector.metrics().getFirst();
            assertThat(metrics.exporter()).isEqualTo("127.0.0.1");
            assertThat(metrics.queueDrops()).isEqualTo(collector.drops());
            assertThat(metrics.records()).isEqualTo(seen.get());
        }
    }

    @Test
    void datagramsFromSendersOutsideTheAllowedExportersAreDroppedBeforeDecodingAndCounted() throws Exception {
        for (boolean inline : new boolean[] {true, false}) {
            CollectorSettings base = new CollectorSettings(List.of(new InetSocketAddress("127.0.0.1", 0)), 1 << 20,
                    64, 1500, inline ? 0 : 1);
            assertThat(senderRun(base.withAllowedExporters(List.of(org.virtguard.model.net.Cidr.parse("10.0.0.0/8")))))
                    .as("only 10.0.0.0/8 allowed, sent from 127.0.0.1 (inline " + inline + ")")
                    .containsExactly(0L, 5L, 0L);
            assertThat(senderRun(base.withAllowedExporters(List.of(org.virtguard.model.net.Cidr.parse("10.0.0.0/8"),
                    org.virtguard.model.net.Cidr.parse("127.0.0.0/8")))))
                    .as("127.0.0.0/8 allowed too (inline " + inline + ")").containsExactly(5L, 0L, 5L);
        }
    }

    /** Sends five one-record datagrams from 127.0.0.1: {records decoded, not-allowed drops, processed}. */
    private static List<Long> senderRun(CollectorSettings settings) throws Exception {
        AtomicLong seen = new AtomicLong();
        try (UdpFlowCollector collector = new UdpFlowCollector(settings, new FlowDecoder(),
                r -> seen.incrementAndGet(), System::currentTimeMillis)) {
            collector.start();
            try (DatagramChannel ch = DatagramChannel.open()) {
                ch.connect(new InetSocketAddress("127.0.0.1", collector.ports().getFirst()));
                for (int i = 0; i < 5; i++) {
                    ch.write(ByteBuffer.wrap(v5(1)));
                }
            }
            for (int i = 0; i < 100 && collector.processedDatagrams() + collector.notAllowedDrops() < 5; i++) {
                Thread.sleep(20);
            }
            assertThat(collector.dropCounters().notAllowedDrops()).isEqualTo(collector.notAllowedDrops());
            if (collector.notAllowedDrops() > 0) {
                assertThat(collector.metrics()).as("dropped before decoding: no exporter state").isEmpty();
                assertThat(collector.dropCounters().toString()).contains("not-allowed sender drops 5");
            }
            return List.of(seen.get(), collector.notAllowedDrops(), collector.processedDatagrams());
        }
    }

    @Test
    void warnsWhenTheKernelCapsTheReceiveBuffer() throws Exception {
        CollectorSettings settings = new CollectorSettings(List.of(new InetSocketAddress("127.0.0.1", 0)),
                Integer.MAX_VALUE / 2, 4, 1500);
        try (UdpFlowCollector collector = new UdpFlowCollector(settings, new FlowDecoder(), r -> { },
                System::currentTimeMillis)) {
            collector.start();

            assertThat(collector.warnings()).singleElement().asString().contains("capped by the kernel")
                    .contains("net.core.rmem_max");
        }
    }

    @Test
    void decodesWhatArrivesFromSeveralPorts() throws Exception {
        AtomicLong seen = new AtomicLong();
        CollectorSettings settings = new CollectorSettings(List.of(new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 0)), 1 << 20, 64, 1500);
        try (UdpFlowCollector collector = new UdpFlowCollector(settings, new FlowDecoder(), r -> seen.incrementAndGet(),
                System::currentTimeMillis)) {
            collector.start();
            try (DatagramChannel ch = DatagramChannel.open()) {
                for (int port : collector.ports()) {
                    ch.send(ByteBuffer.wrap(v5(3)), new InetSocketAddress("127.0.0.1", port));
                }
            }
            for (int i = 0; i < 100 && seen.get() < 6; i++) {
                Thread.sleep(20);
            }
            assertThat(seen.get()).isEqualTo(6);
            assertThat(collector.ports()).hasSize(2).doesNotHaveDuplicates();
        }
    }

    @Test
    void inlineModeDecodesOnTheReceivingThreadAndCountsRecords() throws Exception {
        AtomicLong seen = new AtomicLong();
        Set<String> sinkThreads = ConcurrentHashMap.newKeySet();
        Set<String> afterThreads = ConcurrentHashMap.newKeySet();
        CollectorSettings settings = new CollectorSettings(List.of(new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 0)), 1 << 20, 64, 1500, 0);
        try (UdpFlowCollector collector = new UdpFlowCollector(settings, new FlowDecoder(), r -> {
            seen.incrementAndGet();
            sinkThreads.add(Thread.currentThread().getName());
        }, System::currentTimeMillis)) {
            collector.afterEachDatagram(() -> afterThreads.add(Thread.currentThread().getName()));
            collector.start();
            try (DatagramChannel ch = DatagramChannel.open()) {
                for (int round = 0; round < 5; round++) {
                    for (int port : collector.ports()) {
                        ch.send(ByteBuffer.wrap(v5(3)), new InetSocketAddress("127.0.0.1", port));
                    }
                }
            }
            for (int i = 0; i < 100 && collector.processedDatagrams() < 10; i++) {
                Thread.sleep(20);
            }

            assertThat(seen.get()).isEqualTo(30);
            assertThat(collector.processedDatagrams()).isEqualTo(10);
            CounterSnapshot metrics = collector.metrics().getFirst();
            assertThat(metrics.exporter()).isEqualTo("127.0.0.1");
            assertThat(metrics.datagrams()).isEqualTo(10);
            assertThat(metrics.records()).isEqualTo(30);
            assertThat(metrics.queueDrops()).isZero();
            assertThat(sinkThreads).containsExactly("flow-receive-decode");
            assertThat(afterThreads).containsExactly("flow-receive-decode");
            DropCounters drops = collector.dropCounters();
            assertThat(drops.queueDrops()).isZero();
            assertThat(drops.socketDrops()).extracting(SocketDrops::port).containsExactlyElementsOf(collector.ports());
            if (Files.isReadable(Path.of("/proc/net/udp"))) {
                assertThat(drops.socketDrops()).allSatisfy(d -> assertThat(d.drops()).hasValue(0));
            }
        }
    }

    @Test
    void inlineOverloadShowsAsKernelSocketDropsReadFromProc() throws Exception {
        boolean proc = Files.isReadable(Path.of("/proc/net/udp")) || Files.isReadable(Path.of("/proc/net/udp6"));
        if (!proc) {
            System.err.println("SKIPPED inlineOverloadShowsAsKernelSocketDropsReadFromProc: /proc/net/udp unreadable");
        }
        Assumptions.assumeTrue(proc, "/proc/net/udp is not readable here: kernel socket drops cannot be counted");
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong seen = new AtomicLong();
        int sent = 300;
        CollectorSettings settings = new CollectorSettings(List.of(new InetSocketAddress("127.0.0.1", 0)), 1, 2,
                1500, 0);
        try (UdpFlowCollector collector = new UdpFlowCollector(settings, new FlowDecoder(), blockingSink(seen, release), System::currentTimeMillis)) {
            collector.start();
            try (DatagramChannel ch = DatagramChannel.open()) {
                ch.connect(new InetSocketAddress("127.0.0.1", collector.ports().getFirst()));
                for (int i = 0; i < sent; i++) {
                    ch.write(ByteBuffer.wrap(v5(1)));
                }
            }
            OptionalLong kernel = collector.socketDrops().getFirst().drops();
            release.countDown();
            for (int i = 0; i < 100 && collector.processedDatagrams() + kernel.orElse(0) < sent; i++) {
                Thread.sleep(20);
                kernel = collector.socketDrops().getFirst().drops();
            }

            assertThat(kernel).as("kernel drops of the collector's socket").isPresent();
            assertThat(kernel.getAsLong()).isPositive();
            assertThat(collector.processedDatagrams() + kernel.getAsLong()).isEqualTo(sent);
            assertThat(collector.drops()).isZero();
            assertThat(collector.metrics().getFirst().records()).isEqualTo(seen.get())
                    .isEqualTo(collector.processedDatagrams());
            assertThat(collector.dropCounters().toString()).contains("kernel drops " + kernel.getAsLong());
        }
    }

    /** A sink that counts each record and then blocks until {@code release} (at most 5 s): an overloaded consumer. */
    private static org.virtguard.flows.decode.FlowSink blockingSink(AtomicLong seen, CountDownLatch release) {
        return r -> {
            seen.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
