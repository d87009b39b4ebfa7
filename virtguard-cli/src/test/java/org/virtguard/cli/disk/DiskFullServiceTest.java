package org.virtguard.cli.disk;

import org.virtguard.connector.tck.SmallTmpfs;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.LabCopy;
import org.virtguard.cli.e2e.ServeProcess;
import org.virtguard.cli.e2e.ServiceClient;
import org.virtguard.connector.tck.TestEnvironment;

/**
 * Issue 14's "unauthenticated requests fill the disk", reproduced against the real service with its embedded store on
 * a real 24 MiB filesystem: a login flood from several loopback addresses with concurrent clients leaves the disk
 * below its limit, the API answering and the log short; then the disk is filled by another writer: a write answers
 * 503 {@code STORE_DISK_FULL}, reads answer 200, and once the file is deleted writes are accepted again without a
 * restart.
 */
class DiskFullServiceTest {

    private static final String ADMIN_PASSWORD = "disk-test-plover-passphrase-8812";
    private static final Duration FLOOD = Duration.ofSeconds(10);
    private static final int CLIENTS = 10;
    private static final long RESERVE = 4L << 20;

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aLoginFloodCannotFillTheDiskAndAFullDiskRefusesWritesKeepsReadsAndRecovers() throws Exception {
        LabCopy.requireLibvirt();
        try (SmallTmpfs fs = SmallTmpfs.mount(temp, 24)) {
            Path config = Files.writeString(temp.resolve("virtguard.yaml"), """
                    dataDir: %s
                    http: {bind: 127.0.0.1, port: 0}
                    sources:
                      - {id: lab-host-a, uri: "%s"}
                    disk: {minFree: 4MB, warnFree: 6MB}
                    logging: {level: info}
                    """.formatted(fs.dir().resolve("data"), TestEnvironment.labTestUri("host-a")));
            try (ServeProcess serve = ServeProcess.start(config, Map.of("VIRTGUARD_ADMIN_PASSWORD", ADMIN_PASSWORD),
                    temp.resolve("serve.log"), Duration.ofSeconds(90))) {
                String base = serve.baseUrl();
                ServiceClient api = ServiceClient.login(base, "admin", ADMIN_PASSWORD);
                long logBefore = Files.size(temp.resolve("serve.log"));

                long requests = flood(URI.create(base), FLOOD);
                System.err.println("DiskFullServiceTest: " + requests + " login requests answered in " + FLOOD);
                assertThat(requests).as("the flood was answered").isGreaterThanOrEqualTo(CLIENTS);
                assertThat(fs.usable()).as("free space after a flood of %d logins", requests).isGreaterThan(RESERVE);
                assertThat(api.get("/api/v1/vms").statusCode()).as("API answers after the flood")
                        .isEqualTo(200);
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                long auditEntries = ServiceClient.parse(api.get("/metrics").body().lines()
                        .filter(l -> l.startsWith("virtguard_audit_entries ")).findFirst()
                        .map(l -> l.substring(l.indexOf(' ') + 1)).orElse("-1")).asLong();
                assertThat(auditEntries).as("refused logins are aggregated, not one audit entry each")
                        .isBetween(0L, 200L);
                long logGrowth = Files.size(temp.resolve("serve.log")) - logBefore;
                assertThat(logGrowth).as("log bytes written during a flood of %d requests", requests)
                        .isLessThan(100_000);

                fs.fill("filler");
                Thread.sleep(1_000);
                HttpResponse<String> refused = login(base, ADMIN_PASSWORD);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.body()).contains("STORE_DISK_FULL");
                assertThat(api.get("/api/v1/vms").statusCode()).as("reads on a full disk").isEqualTo(200);
                assertThat(api.get("/api/v1/hosts").statusCode()).as("host reads on a full disk")
                        .isEqualTo(200);
                String ready = api.get("/ready").body();
                assertThat(ready).contains("\"writesRefused\":true");
                assertThat(api.get("/metrics").body()).contains("virtguard_disk_full 1");

                awaitLog(serve, "DISK FULL");
                fs.free("filler");
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                HttpResponse<String> accepted = login(base, ADMIN_PASSWORD);
                while (accepted.statusCode() != 303 && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    accepted = login(base, ADMIN_PASSWORD);
                }
                assertThat(accepted.statusCode()).as("a write after space came back: " + accepted.body())
                        .isEqualTo(303);
                assertThat(api.get("/api/v1/vms").statusCode()).isEqualTo(200);
                assertThat(serve.running()).isTrue();

                awaitLog(serve, "disk space is back");
                String log = serve.output();
                assertThat(log.lines().filter(l -> l.contains("STORE_DISK_FULL")).count())
                        .as("disk-full lines are rate-limited").isLessThan(20);
                assertThat(log).as("no stack traces at level info").doesNotContain("\tat org.");
            }
        }
    }

    private static void awaitLog(ServeProcess serve, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!serve.output().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the service did not log '" + text + "':\n" + serve.output());
            }
            Thread.sleep(200);
        }
    }

    private HttpResponse<String> login(String base, String password) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Concurrent clients posting wrong passwords from four loopback addresses (not 127.0.0.1, whose logins the test still needs); returns the answers counted. */
    private static long flood(URI base, Duration length) throws InterruptedException {
        AtomicLong answered = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String from = "127.0.0." + (2 + c % 4);
            Thread t = new Thread(() -> {
                byte[] body = "username=flood-user&password=wrong-guess".getBytes(StandardCharsets.US_ASCII);
                byte[] request = ("POST /login HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                while (System.nanoTime() < end) {
                    try (Socket s = new Socket()) {
                        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
                        s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 2_000);
                        s.setSoTimeout(10_000);
                        OutputStream out = s.getOutputStream();
                        out.write(request);
                        out.write(body);
                        out.flush();
                        InputStream in = s.getInputStream();
                        byte[] status = new byte[12];
                        int got = in.readNBytes(status, 0, status.length);
                        if (got == status.length) {
                            answered.incrementAndGet();
                        }
                    } catch (IOException e) {
                        // a refused or reset connection is part of a flood; keep going
                    }
                }
            }, "flood-" + c);
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) {
            t.join();
        }
        return answered.get();
    }
}
