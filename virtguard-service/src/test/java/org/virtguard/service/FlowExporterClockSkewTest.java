package org.virtguard.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.server.security.Secrets;
import org.virtguard.server.security.TokenScope;
import org.virtguard.service.config.ConfigLoader;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.alerts.StoredAlert;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.StoredToken;

/**
 * A NetFlow v5 exporter whose clock runs three days ahead sends a port scan to the running service over real UDP.
 * The operator sees it: a {@code flow.exporter.clock-skew} alert, a per-exporter metric, the flow listener
 * degraded in {@code /readyz} with the warning; and no alert is dated in the future.
 */
class FlowExporterClockSkewTest {

    private static final Duration AHEAD = Duration.ofDays(3);

    @TempDir
    Path temp;

    @Test
    void anExporterThreeDaysAheadIsReportedAndItsScanIsDatedByArrival() throws Exception {
        Path lab = TestEnvironment.requireLab().getParent();
        Path data = temp.resolve("data");
        Path file = temp.resolve("virtguard.yaml");
        Files.writeString(file, """
                dataDir: %s
                http: {bind: 127.0.0.1, port: 0}
                sources:
                  - {id: lab, uri: "libvirt-dir://%s/libvirt/host-a", options: {name: host-a}}
                intake:
                  flows: {bind: 127.0.0.1, ports: [0], receiveBuffer: 1048576}
                """.formatted(data, lab));
        VirtGuardConfig config = new ConfigLoader().load(file);
        ServiceSetup setup = new ServiceSetup(config, data, StoreConfig.embedded(data),
                ConfiguredSource.of(config.sources(), Map.of()), Map.of(), Clock.systemUTC(), m -> { },
                changes -> { });
        try (VirtGuardService service = VirtGuardService.start(setup)) {
            int port = service.intake().orElseThrow().flowPorts().getFirst();
            Instant sentAt = Instant.now();
            try (DatagramChannel ch = DatagramChannel.open()) {
                ch.connect(new InetSocketAddress("127.0.0.1", port));
                for (int d = 0; d < 3; d++) {
                    ch.write(ByteBuffer.wrap(v5(sentAt.plus(AHEAD).toEpochMilli(), 1 + d * 30, 30)));
                }
            }
            List<StoredAlert> alerts = awaitAlerts(service, "flow.exporter.clock-skew", "flow.portscan");
            Instant after = Instant.now().plusSeconds(1);

            StoredAlert skew = alerts.stream().filter(a -> a.alert().kind().equals("flow.exporter.clock-skew"))
                    .findFirst().orElseThrow();
            assertThat(skew.alert().source().address()).isEqualTo("127.0.0.1");
            assertThat(skew.alert().title()).contains("127.0.0.1").contains("ahead");
            assertThat(skew.alert().lastSeen()).isBetween(sentAt.minusSeconds(1), after);
            for (StoredAlert a : alerts) {
                assertThat(a.alert().lastSeen()).as(a.alert().title())
                        .isBeforeOrEqualTo(after.plus(Duration.ofMinutes(5)));
            }

            String token = token(service);
            String metrics = get(service, "/metrics", token);
            assertThat(metrics).containsPattern(
                    "virtguard_flow_exporter_clock_ahead_seconds\\{exporter=\"127\\.0\\.0\\.1\"} 2[0-9]{5}");
            assertThat(metrics).contains("virtguard_flow_exporter_clock_ahead_records_total{exporter=\"127.0.0.1\"} 90");
            String ready = get(service, "/readyz", token);
            assertThat(ready).contains("exporterClockSkew").contains("exporter 127.0.0.1: clock runs up to 2 d 23 h ahead");
        }
    }

    /** A NetFlow v5 datagram from an exporter whose clock reads {@code exporterNow}: flows to ports from {@code firstPort}. */
    private static byte[] v5(long exporterNow, int firstPort, int flows) {
        long uptime = 5_000_000L;
        ByteBuffer b = ByteBuffer.allocate(24 + 48 * flows);
        b.putShort((short) 5).putShort((short) flows).putInt((int) uptime).putInt((int) (exporterNow / 1000))
                .putInt(0).putInt(0).putInt(0);
        for (int i = 0; i < flows; i++) {
            b.putInt(0xc6336401).putInt(0xc6336402).putInt(0).putShort((short) 1).putShort((short) 2)
                    .putInt(1).putInt(60).putInt((int) (uptime - 3000)).putInt((int) (uptime - 1000))
                    .putShort((short) 40000).putShort((short) (firstPort + i)).put((byte) 0).put((byte) 0x02)
                    .put((byte) 6).put((byte) 0).putInt(0).put((byte) 24).put((byte) 24).putShort((short) 0);
        }
        return b.array();
    }

    private static List<StoredAlert> awaitAlerts(VirtGuardService service, String... kinds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<StoredAlert> all = service.store().alerts().list(AlertQuery.all());
            boolean complete = true;
            for (String kind : kinds) {
                complete &= all.stream().anyMatch(a -> a.alert().kind().equals(kind));
            }
            if (complete) {
                return all;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("alerts " + List.of(kinds) + " not stored in time; stored: "
                        + all.stream().map(a -> a.alert().kind()).toList());
            }
            Thread.sleep(100);
        }
    }

    private static String token(VirtGuardService service) {
        Instant now = Instant.now();
        String id = "vgt_" + Secrets.random(9);
        String secret = id + "." + Secrets.random(32);
        service.store().security().tokens().create(new StoredToken(id, "skew-test", "admin", Role.VIEWER,
                TokenScope.ALL, now, now.plus(Duration.ofHours(1)), null, null), Secrets.digest(secret));
        return secret;
    }

    private static String get(VirtGuardService service, String path, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(service.baseUrl() + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
