package org.virtguard.flows.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
        try (UdpFlowCollector collector = new UdpFlowCollector(settings, new FlowDecoder(), r -> {
            seen.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, System::currentTimeMillis)) {
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
}
