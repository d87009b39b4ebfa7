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

import org.virtguard.service.runtime.GuardWiring;
import org.virtguard.service.runtime.MonitoringService;
import org.virtguard.service.runtime.PolicyEngineView;
import org.virtguard.service.runtime.ServiceWiring;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorPool;
import org.virtguard.service.sync.ConnectorRegistry;
import org.virtguard.service.sync.LifecycleGuards;
import org.virtguard.response.ResponsePolicyLoader;
import org.virtguard.response.ResponseService;
import org.virtguard.server.ServerContext;
import org.virtguard.server.ServerSettings;
import org.virtguard.server.security.SecurityPolicy;
import org.virtguard.server.security.Secrets;
import org.virtguard.server.security.TokenScope;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.StoredToken;

/**
 * The service as {@code virtguard serve} wires it (policy engine, lifecycle guards, guarded response, API),
 * assembled in-process so a test can also drive the day-two re-read, and with users and API tokens seeded:
 * {@code alice} and {@code bob} (admins) and {@code olga} (operator).
 */
final class GuardedServiceHarness implements AutoCloseable {

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
        Clock clock = Clock.systemUTC();
        store = Store.open(StoreConfig.embedded(dataDir));
        seedUsers();
        pool = new ConnectorPool(ConnectorRegistry.fromClassPath());
        policy = ServiceWiring.policyEngine(store, clock, List.of(), zones, log::add);
        response = GuardWiring.response(store, ResponsePolicyLoader.parse("test response policy", responsePolicy),
                sources, pool, clock, log::add);
        ServerContext context = ServiceWiring.context(store, clock, policy, policy.zoneResolver()).withResponse(response);
        LifecycleGuards guards = GuardWiring.guards(store, dormantAfter, policy, response, clock, log::add);
        service = new MonitoringService(sources, store, context, pool, guards::process, log::add);
        service.start(new ServerSettings("127.0.0.1", 0, null, SecurityPolicy.defaults()), Duration.ofMinutes(15));
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
        service.close();
        policy.close();
        pool.close();
        store.close();
    }
}
