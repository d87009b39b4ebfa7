package org.virtguard.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtguard.service.ServiceSetup;
import org.virtguard.service.VirtGuardService;
import org.virtguard.service.config.HttpConfig;
import org.virtguard.service.config.LifecycleConfig;
import org.virtguard.service.config.PolicyConfig;
import org.virtguard.service.config.ResponseConfig;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.service.runtime.MonitoringService;
import org.virtguard.service.runtime.PolicyEngineView;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorPool;
import org.virtguard.response.ResponseService;
import org.virtguard.server.security.Secrets;
import org.virtguard.server.security.TokenScope;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.StoredToken;

/**
 * The service as {@code virtguard serve} runs it ({@link VirtGuardService}: policy engine, lifecycle guards, guarded
 * response, API), in-process so a test can also drive the day-two re-read, and with users and API tokens seeded:
 * {@code alice} and {@code bob} (admins) and {@code olga} (operator).
 */
final class GuardedServiceHarness implements AutoCloseable {

    final VirtGuardService running;
    final Store store;
    final ConnectorPool pool;
    final PolicyEngineView policy;
    final ResponseService response;
    final MonitoringService service;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> tokens = new java.util.HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    GuardedServiceHarness(Path dataDir, List<ConfiguredSource> sources, Path zones, String responsePolicy,
                          String dormantAfter) {
        Path responseFile = dataDir.resolve("response-policy.yaml");
        try {
            java.nio.file.Files.createDirectories(dataDir);
            java.nio.file.Files.writeString(responseFile, responsePolicy);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        VirtGuardConfig config = new VirtGuardConfig(dataDir.toString(), null, new HttpConfig("127.0.0.1", 0, null),
                List.of(), new PolicyConfig(zones == null ? null : zones.toString(), List.of()), null,
                new ResponseConfig(responseFile.toString()), new LifecycleConfig("15m", dormantAfter), null, null,
                null, null);
        running = VirtGuardService.start(new ServiceSetup(config, dataDir, StoreConfig.embedded(dataDir), sources,
                Map.of(), Clock.systemUTC(), log::add, changes -> { }));
        store = running.store();
        pool = running.connectors();
        policy = running.policy();
        response = running.response();
        service = running.monitoring();
        seedUsers();
    }

    /** The console password of every seeded user. */
    static final String PASSWORD = "harness-password-0123456789";

    private void seedUsers() {
        Instant now = Instant.now();
        String hash = org.virtguard.server.security.PasswordHasher.standard().hash(PASSWORD.toCharArray());
        Map<Role, List<String>> users = new EnumMap<>(Role.class);
        users.put(Role.ADMIN, List.of("alice", "bob"));
        users.put(Role.OPERATOR, List.of("olga"));
        users.forEach((role, names) -> names.forEach(name -> {
            store.security().users().create(name, role, hash, now);
            String id = "vgt_" + Secrets.random(9);
            String secret = id + "." + Secrets.random(32);
            store.security().tokens().create(new StoredToken(id, name + "-test", name, role, TokenScope.ALL, now,
                    now.plus(Duration.ofDays(1)), null, null), Secrets.digest(secret));
            tokens.put(name, secret);
        }));
    }

    String baseUrl() {
        return service.server().baseUrl();
    }

    HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + tokens.get(user)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String user, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + tokens.get(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String token(String user) {
        return tokens.get(user);
    }

    Set<String> users() {
        return tokens.keySet();
    }

    @Override
    public void close() {
        running.close();
    }
}
