package org.virtguard.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.server.delivery.WebhookSender;
import org.virtguard.server.security.Secrets;
import org.virtguard.server.security.TokenScope;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.StoredToken;
import org.virtguard.service.config.ConfigLoader;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.alerts.StoredAlert;

/**
 * The service assembled from one configuration file: sshd failures arriving over syslog become one stored
 * brute-force alert, counted in the metrics and posted, signed, to the configured webhook, while the libvirt
 * sources are served.
 */
class VirtGuardServiceTest {

    private static final String SECRET = "a-webhook-secret-of-some-length";

    @TempDir
    Path temp;

    @Test
    void syslogFailuresBecomeOneStoredAlertThatReachesTheMetricsAndTheWebhook() throws Exception {
        org.virtguard.service.LibvirtTestDriver.require();
        Path lab = copyLab();
        List<String> posts = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> signed = Collections.synchronizedList(new ArrayList<>());
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long at = Long.parseLong(exchange.getRequestHeaders().getFirst("X-VirtGuard-Timestamp"));
            signed.add(WebhookSender.signature(SECRET.getBytes(StandardCharsets.UTF_8), at, body)
                    .equals(exchange.getRequestHeaders().getFirst("X-VirtGuard-Signature")));
            posts.add(body);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Path data = temp.resolve("data");
        Path file = temp.resolve("virtguard.yaml");
        Files.writeString(file, """
                dataDir: %s
                http: {bind: 127.0.0.1, port: 0}
                sources:
                  - {id: kvm-a, uri: "test://%s/libvirt/host-a.xml", options: {name: host-a}}
                  - {id: kvm-b, uri: "test://%s/libvirt/host-b.xml", options: {name: host-b}}
                policy: {zones: %s/policy/zones.yaml}
                intake:
                  syslog: {bind: 127.0.0.1, udp: 0}
                delivery:
                  webhooks: [{url: "http://127.0.0.1:%d/hook", secretEnv: HOOK_SECRET}]
                """.formatted(data, lab, lab, lab, receiver.getAddress().getPort()));
        VirtGuardConfig config = new ConfigLoader().load(file);
        List<ConfiguredSource> sources = ConfiguredSource.of(config.sources(), Map.of());
        ServiceSetup setup = new ServiceSetup(config, data, StoreConfig.embedded(data), sources,
                Map.of("HOOK_SECRET", SECRET), Clock.systemUTC(), m -> { }, changes -> { });
        try (VirtGuardService service = VirtGuardService.start(setup)) {
            assertThat(service.store().inventory().hosts()).hasSize(2);
            int port = service.intake().orElseThrow().syslogUdpPort();
            try (DatagramSocket socket = new DatagramSocket()) {
                for (int i = 0; i < 4; i++) {
                    byte[] line = ("<38>" + rfc3164Now() + " host-a sshd[4242]: Failed password for root from "
                            + "203.0.113.9 port " + (40000 + i) + " ssh2").getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(line, line.length, InetAddress.getLoopbackAddress(), port));
                }
            }

            assertThat(await(() -> !bruteForce(service).isEmpty(), Duration.ofSeconds(10)))
                    .as("brute-force alert stored").isTrue();
            assertThat(bruteForce(service)).singleElement().satisfies(a ->
                    assertThat(a.alert().source().address()).isEqualTo("203.0.113.9"));
            assertThat(await(() -> posts.stream().anyMatch(p -> p.contains("auth.bruteforce")),
                    Duration.ofSeconds(10))).as("alert posted to the webhook").isTrue();
            assertThat(signed).isNotEmpty().allMatch(Boolean::booleanValue);
            String metrics = metrics(service);
            assertThat(metrics).contains("virtguard_events_total{kind=\"alert.auth.bruteforce\"} 1");
        } finally {
            receiver.stop(0);
        }
    }

    private static List<StoredAlert> bruteForce(VirtGuardService service) {
        return service.store().alerts().list(AlertQuery.all()).stream()
                .filter(a -> a.alert().kind().equals("auth.bruteforce")).toList();
    }

    private static String metrics(VirtGuardService service) throws IOException, InterruptedException {
        java.time.Instant now = java.time.Instant.now();
        String id = "vgt_" + Secrets.random(9);
        String secret = id + "." + Secrets.random(32);
        service.store().security().tokens().create(new StoredToken(id, "metrics-test", "admin", Role.VIEWER,
                TokenScope.ALL, now, now.plus(Duration.ofHours(1)), null, null), Secrets.digest(secret));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(service.baseUrl() + "/metrics")).header("Authorization", "Bearer " + secret).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String rfc3164Now() {
        return DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT).format(ZonedDateTime.now(ZoneOffset.UTC))
                .replaceFirst("^(\\w{3}) (\\d) ", "$1  $2 ");
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private Path copyLab() throws IOException {
        Path from = TestEnvironment.requireLab().getParent();
        Path to = temp.resolve("lab");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

}
