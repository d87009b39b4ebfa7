package org.virtguard.service.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.service.ServiceSetup;
import org.virtguard.service.VirtGuardService;
import org.virtguard.service.config.ConfigLoader;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;

/**
 * The real service started while its PostgreSQL server is stopped: it answers at once (liveness 200, readiness 503
 * naming the store, the API 503 STORE_UNAVAILABLE, each within 100 ms), and when PostgreSQL is started it becomes
 * ready on the same port without a restart, with the sources synced into the store.
 */
class StartWhileStoreDownTest {

    private static final Duration ANSWER_LIMIT = Duration.ofMillis(100);

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void servesReadinessWhileWaitingAndBecomesReadyWhenPostgresStarts() throws Exception {
        org.virtguard.service.LibvirtTestDriver.require();
        try (PostgresOutage pg = PostgresOutage.create()) {
            Path data = temp.resolve("data");
            Path file = temp.resolve("virtguard.yaml");
            Files.writeString(file, """
                    dataDir: %s
                    http: {bind: 127.0.0.1, port: 0}
                    sources:
                      - {id: lab, uri: "test:///default"}
                    """.formatted(data));
            VirtGuardConfig config = new ConfigLoader().load(file);
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            ServiceSetup setup = new ServiceSetup(config, data, pg.config(),
                    ConfiguredSource.of(config.sources(), Map.of()), Map.of(), Clock.systemUTC(), log::add,
                    changes -> { });
            pg.stop();
            long startedAt = System.nanoTime();
            try (VirtGuardService service = VirtGuardService.start(setup)) {
                Duration startTook = Duration.ofNanos(System.nanoTime() - startedAt);
                assertThat(service.started()).as("waiting for the store").isNotDone();
                assertThat(startTook).as("start returns while the store is away").isLessThan(Duration.ofSeconds(15));
                String base = service.baseUrl();

                get(base + "/health"); // warm the client's connection
                List<Long> millis = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    Timed health = get(base + "/health");
                    assertThat(health.status()).isEqualTo(200);
                    Timed ready = get(base + "/ready");
                    assertThat(ready.status()).isEqualTo(503);
                    assertThat(ready.body()).contains("\"store\"").contains("\"down\"").contains("not-ready");
                    Timed api = get(base + "/api/v1/vms");
                    assertThat(api.status()).isEqualTo(503);
                    assertThat(api.body()).contains("STORE_UNAVAILABLE");
                    millis.add(Math.max(health.millis(), Math.max(ready.millis(), api.millis())));
                }
                System.out.println("answer times while the store is down (ms, worst of health/ready/api): " + millis);
                assertThat(Collections.min(millis)).as("answers from memory within 100 ms, all: " + millis)
                        .isLessThan(ANSWER_LIMIT.toMillis());
                assertThat(Collections.max(millis)).as("even on a loaded machine, all: " + millis)
                        .isLessThan(ANSWER_LIMIT.toMillis() * 5);

                Thread.sleep(1_500); // a few attempts fail meanwhile
                assertThat(service.started()).isNotDone();
                pg.start();

                VirtGuardService running = service.started().get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(running.baseUrl()).as("the same port").isEqualTo(base);
                assertThat(running.store().inventory().vms()).isNotEmpty();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                Timed ready = get(base + "/ready");
                while (ready.status() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    ready = get(base + "/ready");
                }
                assertThat(ready.status()).as(ready.body()).isEqualTo(200);
                assertThat(get(base + "/api/v1/vms").status()).as("the API asks for credentials now")
                        .isEqualTo(401);
                assertThat(log).anyMatch(line -> line.startsWith("store unavailable at start"))
                        .anyMatch(line -> line.startsWith("store reachable after"));
                assertThat(log.stream().filter(line -> line.startsWith("waiting for the store")).count())
                        .as("backoff logs a few lines, not one per attempt").isLessThanOrEqualTo(6);
            }
        }
    }

    private Timed get(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Timed(response.statusCode(), response.body(), (System.nanoTime() - start) / 1_000_000);
    }

    private record Timed(int status, String body, long millis) {
    }

}
