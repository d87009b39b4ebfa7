package org.virtguard.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * The spoofed-syslog flood of issue 14 (item 7) against a running service: 5,000 source addresses with three
 * failed-password lines each, sent as real UDP datagrams to the syslog listener with every sender allowed and no
 * useful rate limit. The alert caps fold everything beyond the configured cap into one flood alert with counts
 * (instead of thousands of brute-force alerts), and {@code /metrics} shows the listener's counters.
 */
class SyslogFloodTest {

    private static final int SOURCES = 5000;
    private static final int LINES_PER_SOURCE = 3;
    private static final int GLOBAL_CAP = 50;

    @TempDir
    Path temp;

    private String secret;

    @Test
    void fiveThousandSpoofedSourcesMakeAtMostTheCapOfAlertsPlusOneFloodAlertWithCounters() throws Exception {
        Path lab = TestEnvironment.requireLab().getParent();
        Path data = temp.resolve("data");
        Path file = temp.resolve("virtguard.yaml");
        Files.writeString(file, """
                dataDir: %s
                http: {bind: 127.0.0.1, port: 0}
                sources:
                  - {id: lab, uri: "libvirt-dir://%s/libvirt/host-a", options: {name: host-a}}
                intake:
                  syslog: {bind: 127.0.0.1, udp: 0, ratePerSender: 1000000}
                detectors:
                  caps: {window: 10m, perSource: 5, global: %d}
                """.formatted(data, lab, GLOBAL_CAP));
        VirtGuardConfig config = new ConfigLoader().load(file);
        ServiceSetup setup = new ServiceSetup(config, data, StoreConfig.embedded(data),
                ConfiguredSource.of(config.sources(), Map.of()), Map.of(), Clock.systemUTC(), m -> { },
                changes -> { });
        try (VirtGuardService service = VirtGuardService.start(setup)) {
            int port = service.intake().orElseThrow().syslogUdpPort();
            long started = System.nanoTime();
            int sent = sendFlood(port);
            String portLabel = "listener=\"syslog\",protocol=\"udp\",port=\"" + port + "\"";
            awaitQuiet(service, () -> value(metrics(service), "virtguard_intake_received_total", portLabel)
                    + value(metrics(service), "virtguard_intake_dropped_total", portLabel), sent);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            List<StoredAlert> all = service.store().alerts().list(AlertQuery.all());
            List<StoredAlert> brute = ofKind(all, "auth.bruteforce");
            List<StoredAlert> floods = ofKind(all, "auth.flood");
            String metrics = metrics(service);
            long received = value(metrics, "virtguard_intake_received_total", portLabel);
            long parsed = value(metrics, "virtguard_intake_parsed_total", portLabel);
            long dropped = value(metrics, "virtguard_intake_dropped_total", portLabel);
            long suppressed = value(metrics, "virtguard_intake_alerts_suppressed_total", "listener=\"syslog\"");
            System.out.printf("syslog flood: %d datagrams in %s: received %d, parsed %d, kernel drops %d; "
                    + "%d alerts stored (%d brute force, %d flood), %d new alerts folded%n", sent, took, received,
                    parsed, dropped, all.size(), brute.size(), floods.size(), suppressed);

            assertThat(received + dropped).as("every datagram received or counted as dropped").isEqualTo(sent);
            assertThat(parsed).isEqualTo(received);
            assertThat(value(metrics, "virtguard_intake_malformed_total", portLabel)).isZero();
            assertThat(value(metrics, "virtguard_intake_refused_total", portLabel)).isZero();
            assertThat(value(metrics, "virtguard_intake_rate_limited_total", portLabel)).isZero();
            assertThat(brute).as("brute-force alerts stored").hasSize(GLOBAL_CAP);
            assertThat(all).as("every alert stored").hasSizeLessThanOrEqualTo(GLOBAL_CAP + 3);
            assertThat(floods).as("one flood alert").singleElement().satisfies(f -> {
                assertThat(f.alert().attributes()).containsEntry("foldedKind", "auth.bruteforce")
                        .containsEntry("scope", "all sources").containsEntry("cap", String.valueOf(GLOBAL_CAP));
                assertThat(f.alert().attributes().get("sourceCount")).as("one folded alert per spoofed source")
                        .isEqualTo(Long.toString(suppressed));
                assertThat(f.alert().attributes().get("foldedAlerts")).isEqualTo(Long.toString(suppressed));
                assertThat(f.alert().count()).isEqualTo(suppressed);
                assertThat(f.alert().title()).startsWith("Alert flood: ");
            });
            assertThat(suppressed).as("new brute-force alerts folded").isPositive()
                    .isLessThanOrEqualTo(SOURCES - GLOBAL_CAP);
            assertThat(metrics).contains("virtguard_alerts_suppressed_total{kind=\"auth.bruteforce\"} " + suppressed);
        }
    }

    /** Sends the lines, pausing now and then so that the socket buffer is not the only thing tested. */
    private static int sendFlood(int port) throws IOException, InterruptedException {
        int sent = 0;
        String time = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT)
                .format(ZonedDateTime.now(ZoneOffset.UTC)).replaceFirst("^(\\w{3}) (\\d) ", "$1  $2 ");
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int round = 0; round < LINES_PER_SOURCE; round++) {
                for (int i = 0; i < SOURCES; i++) {
                    String source = "198.18." + (i / 250) + "." + (i % 250 + 1);
                    byte[] line = ("<38>" + time + " host-a sshd[4242]: Failed password for root from " + source
                            + " port " + (40000 + round) + " ssh2").getBytes(StandardCharsets.US_ASCII);
                    socket.send(new DatagramPacket(line, line.length, InetAddress.getLoopbackAddress(), port));
                    sent++;
                    if (sent % 50 == 0) {
                        Thread.sleep(1);
                    }
                }
            }
        }
        return sent;
    }

    /** Waits until {@code counted} reaches {@code expected}, the alert queue is empty and the flood alert written. */
    private static void awaitQuiet(VirtGuardService service, CheckedLong counted, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (counted.get() < expected || service.alerts().queued() > 0
                || service.durableWrites().pending() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("flood not processed in time: " + counted.get() + " of " + expected
                        + ", " + service.alerts().queued() + " alerts queued, " + service.durableWrites().pending()
                        + " store writes pending");
            }
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        while (service.alerts().queued() > 0 || service.durableWrites().pending() > 0) {
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    private interface CheckedLong {
        long get() throws Exception;
    }

    private static List<StoredAlert> ofKind(List<StoredAlert> alerts, String kind) {
        return alerts.stream().filter(a -> a.alert().kind().equals(kind)).toList();
    }

    private static long value(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name + "{" + labels + "}") + " (\\d+)$", Pattern.MULTILINE)
                .matcher(metrics);
        assertThat(m.find()).as(name + "{" + labels + "} in /metrics").isTrue();
        return Long.parseLong(m.group(1));
    }

    private String metrics(VirtGuardService service) throws IOException, InterruptedException {
        if (secret == null) {
            Instant now = Instant.now();
            String id = "vgt_" + Secrets.random(9);
            secret = id + "." + Secrets.random(32);
            service.store().security().tokens().create(new StoredToken(id, "metrics-test", "admin", Role.VIEWER,
                    TokenScope.ALL, now, now.plus(Duration.ofHours(1)), null, null), Secrets.digest(secret));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(service.baseUrl() + "/metrics")).header("Authorization", "Bearer " + secret).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
