package org.virtguard.logs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.virtguard.logs.parse.AuthEvent;
import org.virtguard.logs.parse.VcenterParser;

class SyslogServerLimitsTest {

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void aFloodingSenderIsRateLimitedAndCounted() throws Exception {
        LogPipeline p = Pipelines.offline(2024);
        SyslogServerConfig config = SyslogServerConfig.plain(InetAddress.getLoopbackAddress(), 0, -1).withRate(1, 10);
        try (SyslogServer server = SyslogServer.start(config, p); DatagramSocket s = new DatagramSocket()) {
            byte[] msg = "<13>Jan  1 00:00:00 h app: hello".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50; i++) {
                s.send(new DatagramPacket(msg, msg.length, InetAddress.getLoopbackAddress(), server.udpPort()));
            }
            await(() -> p.stats().get(IntakeCounter.LINES) + p.stats().get(IntakeCounter.RATE_LIMITED) >= 50);
        }
        assertThat(p.stats().get(IntakeCounter.LINES)).isBetween(10L, 12L);
        assertThat(p.stats().get(IntakeCounter.RATE_LIMITED)).isBetween(38L, 40L);
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedAndClosedOnShutdown() throws Exception {
        LogPipeline p = Pipelines.offline(2024);
        SyslogServerConfig config = new SyslogServerConfig(InetAddress.getLoopbackAddress(), -1, 0, -1, null, null,
                64 * 1024, 1, 1000, 1000, Duration.ofMinutes(1));
        SyslogServer server = SyslogServer.start(config, p);
        try (Socket first = new Socket(InetAddress.getLoopbackAddress(), server.tcpPort())) {
            OutputStream out = first.getOutputStream();
            out.write("<13>Jan  1 00:00:00 h app: one\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await(() -> p.stats().get(IntakeCounter.LINES) == 1);
            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), server.tcpPort())) {
                second.setSoTimeout(5000);
                assertThat(second.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(p.stats().get(IntakeCounter.CONNECTIONS_REFUSED)).isEqualTo(1);
            server.close();
            first.setSoTimeout(5000);
            InputStream in = first.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        } finally {
            server.close();
        }
    }

    @Test
    void vsphereFeedEventsJoinTheSameDetector() {
        LogPipeline p = Pipelines.offline(2024);
        for (int i = 0; i < 3; i++) {
            AuthEvent e = VcenterParser.fromEvent("BadUsernameSessionEvent", 1_000L * i, "vc01", "administrator@vsphere.local",
                    "192.0.2.77", "Cannot login administrator@vsphere.local@192.0.2.77");
            p.accept(e);
        }
        assertThat(Pipelines.bruteForceFrom(p, "192.0.2.77")).isNotNull();
    }
}
