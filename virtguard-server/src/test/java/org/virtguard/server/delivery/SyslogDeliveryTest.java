package org.virtguard.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.findings.ScanRecord;

/** Finding events and syslog delivery over real UDP and TCP sockets. */
class SyslogDeliveryTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path temp;

    private static Finding finding(String check, String vm, CheckStatus status) {
        return new Finding(check, new ResourceRef(ObjectType.VM, "uuid-" + vm, vm), status, Severity.HIGH,
                "vNIC in a forbidden zone", vm + "'s vNIC is in zone dmz", Map.of("zone", "dmz"), List.of(), T0);
    }

    /** web01 newly failing, db01 newly excepted (not news), app01 resolved. */
    private static ScanRecord scan() {
        return new ScanRecord(2, 0, 0, 1,
                List.of(finding("zone-nic", "web01", CheckStatus.FAIL), finding("zone-nic", "db01", CheckStatus.EXCEPTED)),
                List.of(finding("zone-nic", "app01", CheckStatus.FAIL)));
    }

    @Test
    void newAndResolvedFindingsReachAUdpCollectorAsCef() throws Exception {
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setSoTimeout(20_000);
            DiskSpool spool = new DiskSpool(temp.resolve("udp"), 100);
            int spooled = new FindingForwarder(spool, SyslogFormats::cef, m -> { }).forward(scan(), T0);
            assertThat(spooled).as("the excepted finding is not news").isEqualTo(2);
            List<String> received = new ArrayList<>();
            try (SyslogSender sender = SyslogSender.to("udp://127.0.0.1:" + collector.getLocalPort());
                 DeliveryWorker worker = new DeliveryWorker(spool, sender, Duration.ofMillis(20),
                         Duration.ofMillis(200), m -> { }).start()) {
                for (int i = 0; i < 2; i++) {
                    DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
                    collector.receive(packet);
                    received.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
                }
            }
            assertThat(received.get(0)).startsWith("CEF:0|VirtGuard|VirtGuard|0.1|finding.opened|vNIC in a forbidden "
                    + "zone|8|").contains("cs1=zone-nic").contains("cs2=uuid-web01").contains("dhost=web01");
            assertThat(received.get(1)).startsWith("CEF:0|VirtGuard|VirtGuard|0.1|finding.resolved|")
                    .contains("cs2=uuid-app01");
        }
    }

    @Test
    void aTcpCollectorOutageLosesNothingAndFramesAreOctetCounted() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        DiskSpool spool = new DiskSpool(temp.resolve("tcp"), 100);
        FindingForwarder forwarder = new FindingForwarder(spool, e -> SyslogFormats.rfc5424(e, "vg01"), m -> { });
        forwarder.forward(scan(), T0);
        forwarder.forward(new ScanRecord(1, 0, 0, 0, List.of(finding("console-open", "web02", CheckStatus.FAIL)),
                List.of()), T0.plusSeconds(60));
        try (SyslogSender sender = SyslogSender.to("tcp://127.0.0.1:" + port);
             DeliveryWorker worker = new DeliveryWorker(spool, sender, Duration.ofMillis(20), Duration.ofMillis(200),
                     m -> { }).start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (worker.failures() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(worker.failures()).as("collector down: delivery fails and retries").isGreaterThanOrEqualTo(2);
            assertThat(spool.size()).as("nothing leaves the spool while the collector is down").isEqualTo(3);

            List<String> frames = new ArrayList<>();
            try (ServerSocket collector = new ServerSocket()) {
                collector.setReuseAddress(true);
                collector.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                collector.setSoTimeout(20_000);
                try (Socket connection = collector.accept()) {
                    connection.setSoTimeout(20_000);
                    DataInputStream in = new DataInputStream(connection.getInputStream());
                    for (int i = 0; i < 3; i++) {
                        frames.add(readFrame(in));
                    }
                }
            }
            assertThat(frames).hasSize(3);
            assertThat(frames.get(0)).startsWith("<107>1 2026-11-22T08:00:00Z vg01 virtguard - finding.opened - {");
            assertThat(frames.get(1)).contains(" finding.resolved - ");
            assertThat(frames.get(2)).startsWith("<107>1 2026-11-22T08:01:00Z vg01 virtguard - finding.opened - ");
            JsonNode json = new ObjectMapper().readTree(frames.get(0).substring(frames.get(0).indexOf('{')));
            assertThat(json.path("event").asText()).isEqualTo("finding.opened");
            assertThat(json.path("finding").path("resource").path("name").asText()).isEqualTo("web01");
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (spool.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(spool.size()).isZero();
        }
    }

    private static String readFrame(DataInputStream in) throws IOException {
        StringBuilder length = new StringBuilder();
        for (int c = in.read(); c != ' '; c = in.read()) {
            if (c < '0' || c > '9') {
                throw new IOException("not an octet count: " + (char) c);
            }
            length.append((char) c);
        }
        byte[] body = new byte[Integer.parseInt(length.toString())];
        in.readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void targetsOtherThanUdpOrTcpHostPortAreRefusedByName() {
        assertThatThrownBy(() -> SyslogSender.to("http://siem:514")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("syslog target 'http://siem:514' must be udp://host:port or tcp://host:port");
        assertThatThrownBy(() -> SyslogSender.to("tcp://siem")).hasMessageContaining("'tcp://siem'");
        assertThat(SyslogSender.to("TCP://siem.example:6514")).hasToString("tcp://siem.example:6514");
    }
}
