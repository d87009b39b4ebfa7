package org.virtguard.cli.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtguard.cli.e2e.PostgresSchema;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;

/**
 * Issue 14, item 1: {@code kill -9} during a loop of {@code POST /api/v1/tokens} must lose no write the API
 * confirmed (the token and its audit entry), on the embedded H2 store and on PostgreSQL; and a log cut or rolled back
 * behind the service's back is reported by {@code GET /api/v1/audit/verify} from the entry on which it differs from
 * the signed checkpoints outside the store.
 */
class CrashDurabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final String ADMIN_PASSWORD = "crash-test-osprey-passphrase-0123456789";
    private static final String KEY_VARIABLE = "CRASH_TEST_CHECKPOINT_KEY";
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;
    private static final int CUT = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void confirmedWritesSurviveSigkillAndACutLogIsReported(String kind, @TempDir Path dir) throws Exception {
        PostgresSchema schema = kind.equals("postgresql") ? PostgresSchema.create() : null;
        try {
            run(kind, dir, schema);
        } finally {
            if (schema != null) {
                schema.close();
            }
        }
    }

    private void run(String kind, Path dir, PostgresSchema schema) throws Exception {
        Path lab = dir.resolve("lab");
        copyLab(lab);
        Path dataDir = dir.resolve("data");
        Path checkpoints = dir.resolve("anchor").resolve("audit-checkpoints.jsonl");
        Path config = writeConfig(dir, dataDir, lab, checkpoints, schema);
        Map<String, String> env = new HashMap<>();
        env.put("VIRTGUARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put(KEY_VARIABLE, "crash-test-checkpoint-key-0123456789abcdef");
        if (schema != null) {
            env.put("CRASH_TEST_STORE_PASSWORD", schema.password());
        }

        List<String> acknowledged = new CopyOnWriteArrayList<>();
        String adminToken;
        long rate;
        try (ServiceJvm first = ServiceJvm.start(config, env, STARTUP)) {
            adminToken = adminToken(first.baseUrl());
            long started = System.nanoTime();
            Thread loop = Thread.ofPlatform().start(() -> writeLoop(first.baseUrl(), adminToken, acknowledged));
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && loop.isAlive()) {
                Thread.sleep(5);
            }
            rate = acknowledged.size() * 1_000_000_000L / Math.max(1, System.nanoTime() - started);
            first.kill();
            loop.join(Duration.ofSeconds(30).toMillis());
            assertThat(acknowledged).as(first.transcript()).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
        }
        System.out.printf("crash test (%s): %d tokens answered 201 at about %d/s before SIGKILL%n", kind,
                acknowledged.size(), rate);

        long head;
        try (ServiceJvm second = ServiceJvm.start(config, env, STARTUP)) {
            String base = second.baseUrl();
            Set<String> stored = new HashSet<>();
            for (JsonNode t : get(base, adminToken, "/api/v1/tokens?limit=1000").path("items")) {
                stored.add(t.path("id").asText());
            }
            List<String> lostTokens = acknowledged.stream().filter(id -> !stored.contains(id)).toList();
            Set<String> audited = new HashSet<>();
            for (JsonNode e : auditEntries(base, adminToken)) {
                Matcher m = Pattern.compile("^token (vgt_\\S+) ").matcher(e.path("record").path("detail").asText(""));
                if (e.path("record").path("action").asText().equals("token.create") && m.find()) {
                    audited.add(m.group(1));
                }
            }
            List<String> lostAudit = acknowledged.stream().filter(id -> !audited.contains(id)).toList();
            assertThat(lostTokens).as("tokens answered 201 but gone after SIGKILL (%d of %d)", lostTokens.size(),
                    acknowledged.size()).isEmpty();
            assertThat(lostAudit).as("audit entries of tokens answered 201 gone after SIGKILL (%d of %d)",
                    lostAudit.size(), acknowledged.size()).isEmpty();

            JsonNode verify = awaitCheckpointOfHead(base, adminToken);
            assertThat(verify.path("valid").asBoolean()).as(verify.toString()).isTrue();
            assertThat(verify.path("status").asText()).as(verify.toString()).isEqualTo("intact");
            head = verify.path("headSeq").asLong();
            second.kill();
        }

        cutTheLastEntries(schema, dataDir, CUT);
        assertThat(Files.readString(checkpoints)).contains("\"seq\":" + head + ",");

        try (ServiceJvm third = ServiceJvm.start(config, env, STARTUP)) {
            JsonNode verify = get(third.baseUrl(), adminToken, "/api/v1/audit/verify");
            assertThat(verify.path("valid").asBoolean()).as("chain links are intact after a clean cut").isTrue();
            assertThat(verify.path("status").asText()).as(verify.toString()).isEqualTo("entries-missing");
            assertThat(verify.path("firstMissingSeq").asLong()).as(verify.toString()).isEqualTo(head - CUT + 1);
            assertThat(verify.path("message").asText()).contains("from entry " + (head - CUT + 1));
            assertThat(third.transcript()).contains("AUDIT LOG DOES NOT MATCH ITS CHECKPOINTS");
        }
    }

    /** POSTs tokens one after another until the service stops answering; records each id answered 201. */
    private void writeLoop(String base, String adminToken, List<String> acknowledged) {
        for (int i = 0; i < 100_000; i++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + adminToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"crash-" + i + "\", \"role\": "
                                + "\"viewer\", \"scopes\": [\"read\"], \"expiresInDays\": 1}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    acknowledged.add(JSON.readTree(r.body()).path("details").path("id").asText());
                } else {
                    return;
                }
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until a checkpoint names the current head (written every second by the service). */
    private JsonNode awaitCheckpointOfHead(String base, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode verify = get(base, token, "/api/v1/audit/verify");
        while (verify.path("checkpoint").path("seq").asLong() != verify.path("headSeq").asLong()
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            verify = get(base, token, "/api/v1/audit/verify");
        }
        return verify;
    }

    /** What an intruder with database access does: deletes the newest entries and moves the head back. */
    private static void cutTheLastEntries(PostgresSchema schema, Path dataDir, int n) {
        StoreConfig storeConfig = schema == null ? StoreConfig.embedded(dataDir)
                : StoreConfig.postgres(schema.url(), schema.user(), schema.password());
        try (Store store = Store.open(storeConfig)) {
            Jdbi jdbi = store.jdbi();
            jdbi.useTransaction(h -> {
                long last = h.createQuery("SELECT MAX(seq) FROM audit_entry").mapTo(Long.class).one();
                h.createUpdate("DELETE FROM audit_entry WHERE seq > :keep").bind("keep", last - n).execute();
                String hash = h.createQuery("SELECT entry_hash FROM audit_entry WHERE seq = :seq")
                        .bind("seq", last - n).mapTo(String.class).one();
                h.createUpdate("UPDATE audit_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
                        .bind("seq", last - n).bind("hash", hash).execute();
            });
            assertThat(store.security().audit().verify().valid()).isTrue();
        }
    }

    private List<JsonNode> auditEntries(String base, String token) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String cursor = "";
        while (true) {
            JsonNode page = get(base, token, "/api/v1/audit?limit=1000" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            page.path("items").forEach(all::add);
            cursor = page.path("nextCursor").asText("");
            if (page.path("nextCursor").isNull() || cursor.isEmpty()) {
                return all;
            }
        }
    }

    private JsonNode get(String base, String token, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Logs in through the console form and creates an admin token with the admin scope (to create tokens). */
    private static String adminToken(String base) throws Exception {
        HttpClient session = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + ADMIN_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        String page = session.send(HttpRequest.newBuilder(URI.create(base + "/alerts")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as(page).isTrue();
        HttpResponse<String> created = session.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", csrf.group(1))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"crash-admin\", \"role\": \"admin\", "
                        + "\"scopes\": [\"read\", \"write\", \"admin\"], \"expiresInDays\": 1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("token").asText();
    }

    private static void copyLab(Path target) throws IOException {
        Path hostA = TestEnvironment.requireLab().resolve("host-a");
        Files.createDirectories(target);
        try (var files = Files.list(hostA)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
    }

    private static Path writeConfig(Path dir, Path dataDir, Path lab, Path checkpoints, PostgresSchema schema)
            throws IOException {
        String store = schema == null ? "" : """
                store:
                  url: "%s"
                  user: %s
                  passwordEnv: CRASH_TEST_STORE_PASSWORD
                """.formatted(schema.url(), schema.user());
        String yaml = """
                dataDir: %s
                %shttp:
                  bind: 127.0.0.1
                  port: 0
                sources:
                  - id: lab
                    uri: "libvirt-dir://%s"
                audit:
                  checkpoints:
                    file: %s
                    every: 1s
                    keyEnv: %s
                """.formatted(dataDir, store, lab, checkpoints, KEY_VARIABLE);
        return Files.writeString(dir.resolve("virtguard.yaml"), yaml, StandardCharsets.UTF_8);
    }
}
