package org.virtguard.logs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.virtguard.model.net.Cidr;

/** Syslog intake takes messages only from the allowed sender networks, on UDP and TCP alike. */
class SyslogAllowedSendersTest {

    private static final byte[] MESSAGE = "<13>Jan  1 00:00:00 h app: hello\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void udpFromAnAddressOutsideTheAllowedNetworksIsDroppedAndCounted() throws Exception {
        assertThat(udp(List.of(Cidr.parse("10.0.0.0/8")))).containsExactly(0L, 5L);
        assertThat(udp(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("127.0.0.0/8")))).containsExactly(5L, 0L);
        assertThat(udp(List.of())).as("no list: everyone").containsExactly(5L, 0L);
    }

    @Test
    void tcpConnectionsFromOutsideTheAllowedNetworksAreRefusedAndCounted() throws Exception {
        LogPipeline p = Pipelines.offline(2024);
        SyslogServerConfig config = SyslogServerConfig.plain(InetAddress.getLoopbackAddress(), -1, 0)
                .withAllowedSenders(List.of(Cidr.parse("10.0.0.0/8")));
        try (SyslogServer server = SyslogServer.start(config, p);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), server.tcpPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(MESSAGE);
            out.flush();
            assertThat(s.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            await(() -> p.stats().get(IntakeCounter.SENDER_NOT_ALLOWED) == 1);
        }
        assertThat(p.stats().get(IntakeCounter.SENDER_NOT_ALLOWED)).isEqualTo(1);
        assertThat(p.stats().get(IntakeCounter.LINES)).isZero();

        LogPipeline allowed = Pipelines.offline(2024);
        SyslogServerConfig open = config.withAllowedSenders(List.of(Cidr.parse("127.0.0.1")));
        try (SyslogServer server = SyslogServer.start(open, allowed);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), server.tcpPort())) {
            s.getOutputStream().write(MESSAGE);
            s.getOutputStream().flush();
            await(() -> allowed.stats().get(IntakeCounter.LINES) == 1);
        }
        assertThat(allowed.stats().get(IntakeCounter.LINES)).isEqualTo(1);
        assertThat(allowed.stats().get(IntakeCounter.SENDER_NOT_ALLOWED)).isZero();
    }

    /** Sends five UDP messages from loopback: {lines taken, senders not allowed}. */
    private static List<Long> udp(List<Cidr> allowed) throws Exception {
        LogPipeline p = Pipelines.offline(2024);
        SyslogServerConfig config = SyslogServerConfig.plain(InetAddress.getLoopbackAddress(), 0, -1)
                .withAllowedSenders(allowed);
        try (SyslogServer server = SyslogServer.start(config, p); DatagramSocket s = new DatagramSocket()) {
            for (int i = 0; i < 5; i++) {
                s.send(new DatagramPacket(MESSAGE, MESSAGE.length, InetAddress.getLoopbackAddress(),
                        server.udpPort()));
            }
            await(() -> p.stats().get(IntakeCounter.LINES) + p.stats().get(IntakeCounter.SENDER_NOT_ALLOWED) >= 5);
        }
        return List.of(p.stats().get(IntakeCounter.LINES), p.stats().get(IntakeCounter.SENDER_NOT_ALLOWED));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
