package org.virtguard.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Severity;

class DeliveryTest {

    private static final byte[] SECRET = "0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    @Test
    void aReceiverOutageLosesNothingAndEveryMessageIsSignedAndInOrder() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long ts = Long.parseLong(exchange.getRequestHeaders().getFirst("X-VirtGuard-Timestamp"));
            boolean valid = WebhookSender.signature(SECRET, ts, body)
                    .equals(exchange.getRequestHeaders().getFirst("X-VirtGuard-Signature"));
            int status = calls.incrementAndGet() <= 2 ? 503 : valid ? 204 : 401;
            if (status == 204) {
                received.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            DiskSpool spool = new DiskSpool(temp.resolve("spool"), 100);
            for (int i = 1; i <= 3; i++) {
                assertThat(spool.offer("{\"n\":" + i + "}")).isTrue();
            }
            URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            try (DeliveryWorker worker = new DeliveryWorker(new DiskSpool(temp.resolve("spool"), 100),
                    new WebhookSender(url, SECRET, Clock.systemUTC()), Duration.ofMillis(20), Duration.ofMillis(100),
                    message -> { }).start()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (received.size() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(worker.failures()).isGreaterThanOrEqualTo(2);
            }
            assertThat(received).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
            assertThat(spool.size()).isZero();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void theForwarderSpoolsNewAlertsOnceAndResumesAfterARestart() throws Exception {
        try (org.virtguard.store.Store store = org.virtguard.store.Store.open(
                org.virtguard.store.StoreConfig.embedded(temp.resolve("data")))) {
            DiskSpool spool = new DiskSpool(temp.resolve("spool"), 100);
            Path cursor = temp.resolve("spool.cursor");
            Instant t = Instant.parse("2026-11-22T08:00:00Z");
            store.alerts().record(alert("a", t), t);
            store.alerts().record(alert("b", t.plusSeconds(10)), t);

            assertThat(new AlertForwarder(store.alerts(), spool, cursor, m -> { }).forward()).isEqualTo(2);
            assertThat(spool.peek().orElseThrow().body()).contains("\"key\":\"a\"");
            store.alerts().record(alert("c", t.plusSeconds(20)), t);
            int resumed = new AlertForwarder(store.alerts(), spool, cursor, m -> { }).forward();

            assertThat(resumed).as("only c: the cursor is the position of the last write").isEqualTo(1);
            assertThat(spool.size()).isEqualTo(3);
        }
    }

    @Test
    void anAlertWrittenLateWithOlderEvidenceIsStillForwardedAndAnUpdateIsForwardedAgain() throws Exception {
        try (org.virtguard.store.Store store = org.virtguard.store.Store.open(
                org.virtguard.store.StoreConfig.embedded(temp.resolve("data")))) {
            DiskSpool spool = new DiskSpool(temp.resolve("spool"), 100);
            Path cursor = temp.resolve("spool.cursor");
            Instant t = Instant.parse("2026-11-22T08:00:00Z");
            AlertForwarder forwarder = new AlertForwarder(store.alerts(), spool, cursor, m -> { });
            store.alerts().record(alert("recent", t.plusSeconds(60)), t.plusSeconds(60));
            assertThat(forwarder.forward()).isEqualTo(1);

            store.alerts().record(alert("kept-during-an-outage", t), t.plusSeconds(90));
            store.alerts().record(alert("recent", t.plusSeconds(120)), t.plusSeconds(120));

            assertThat(forwarder.forward()).isEqualTo(2);
            spool.remove(spool.peek().orElseThrow());
            assertThat(spool.peek().orElseThrow().body()).contains("kept-during-an-outage");
            spool.remove(spool.peek().orElseThrow());
            assertThat(spool.peek().orElseThrow().body()).contains("\"key\":\"recent\"");
        }
    }

    @Test
    void aCursorFileFromBeforeWritesWereNumberedForwardsOnlyWhatItHadNotSeen() throws Exception {
        try (org.virtguard.store.Store store = org.virtguard.store.Store.open(
                org.virtguard.store.StoreConfig.embedded(temp.resolve("data")))) {
            Instant t = Instant.parse("2026-11-22T08:00:00Z");
            store.alerts().record(alert("old", t), t);
            store.jdbi().useHandle(h -> h.execute("UPDATE alert SET change_seq = 0"));
            store.alerts().record(alert("new", t.plusSeconds(30)), t.plusSeconds(30));
            store.jdbi().useHandle(h -> h.execute("UPDATE alert SET change_seq = 0"));
            Path cursor = java.nio.file.Files.writeString(temp.resolve("spool.cursor"), t.plusSeconds(10).toString());
            DiskSpool spool = new DiskSpool(temp.resolve("spool"), 100);

            assertThat(new AlertForwarder(store.alerts(), spool, cursor, m -> { }).forward()).isEqualTo(1);
            assertThat(spool.peek().orElseThrow().body()).contains("\"key\":\"new\"");
        }
    }

    private static Alert alert(String key, Instant at) {
        return new Alert(key, "flow.portscan", Severity.MEDIUM, "scan " + key, null, null, at, at, 1, Map.of(), List.of());
    }

    @Test
    void aFullSpoolRefusesAndCountsInsteadOfOverwriting() throws IOException {
        DiskSpool spool = new DiskSpool(temp.resolve("small"), 2);

        assertThat(spool.offer("a")).isTrue();
        assertThat(spool.offer("b")).isTrue();
        assertThat(spool.offer("c")).isFalse();
        assertThat(spool.offer("x".repeat(DiskSpool.MAX_MESSAGE_BYTES + 1))).isFalse();
        assertThat(spool.refused()).isEqualTo(2);
        assertThat(new DiskSpool(temp.resolve("small"), 2).peek().orElseThrow().body()).as("survives a restart")
                .isEqualTo("a");
    }

    @Test
    void syslogFormatsEscapeWhatTheirGrammarsReserve() {
        Endpoint src = new Endpoint("203.0.113.7", null, null, null, null, null, null, false);
        Alert alert = new Alert("auth.bruteforce|203.0.113.7|esx01", "auth.bruteforce", Severity.HIGH,
                "SSH brute force | root=admin", src, null, Instant.parse("2026-11-22T08:00:00Z"),
                Instant.parse("2026-11-22T08:05:00Z"), 42, Map.of(), List.of());

        String cef = SyslogFormats.cef(alert);
        String syslog = SyslogFormats.rfc5424(alert, "vg01");

        assertThat(cef).startsWith("CEF:0|VirtGuard|VirtGuard|0.1|auth.bruteforce|SSH brute force \\| root=admin|8|")
                .contains("cs1=auth.bruteforce|203.0.113.7|esx01").contains("src=203.0.113.7").contains("cnt=42");
        assertThat(syslog).startsWith("<107>1 2026-11-22T08:05:00Z vg01 virtguard - auth.bruteforce - {")
                .contains("\"key\":\"auth.bruteforce|203.0.113.7|esx01\"");
    }
}
