package org.virtguard.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.virtguard.model.Alert;
import org.virtguard.model.Collected;
import org.virtguard.model.ConnectionState;
import org.virtguard.model.Host;
import org.virtguard.model.HostHardware;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.Severity;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.VlanConfig;
import org.virtguard.server.security.LoginResult;
import org.virtguard.server.security.PasswordHasher;
import org.virtguard.server.security.Secrets;
import org.virtguard.server.security.SecurityPolicy;
import org.virtguard.server.security.TokenScope;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.StoredToken;

/**
 * A running server on an embedded store in a temporary directory, with a small inventory, two alerts,
 * one user per role and API tokens (valid, expired, revoked, metrics-only).
 */
final class ServerFixture implements AutoCloseable {

    static final String PASSWORD = "correct horse battery staple";
    static final String WEB_VM_ID = "4c1a-web01";
    static final String ALERT_KEY = "auth.bruteforce|203.0.113.7|kvm-a";
    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Store store;
    final ServerContext context;
    final VirtGuardServer server;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final Map<Role, String> tokens = new EnumMap<>(Role.class);
    String expiredToken;
    String revokedToken;
    String metricsOnlyToken;

    ServerFixture() throws IOException {
        this(null);
    }

    /** @param policy the policy engine to serve, or {@code null} for none */
    ServerFixture(org.virtguard.server.views.PolicyView policy) throws IOException {
        this(policy, c -> c);
    }

    /**
     * @param policy the policy engine to serve, or {@code null} for none
     * @param wiring adds to the usual context (e.g. guarded response) before the server starts
     */
    ServerFixture(org.virtguard.server.views.PolicyView policy,
                  java.util.function.UnaryOperator<ServerContext> wiring) throws IOException {
        dir = Files.createTempDirectory("virtguard-server-test");
        store = Store.open(StoreConfig.embedded(dir.resolve("data")));
        SecurityPolicy securityPolicy = new SecurityPolicy(Duration.ofMinutes(30), Duration.ofHours(12), 5,
                Duration.ofMinutes(15), 100_000, Duration.ofMinutes(1));
        context = wiring.apply(ServerContext.of(store, Clock.systemUTC(), new PasswordHasher(256, 1, 1),
                securityPolicy, policy, null, zones(), null));
        seedInventory();
        seedUsersAndTokens();
        server = new VirtGuardServer(new ServerSettings("127.0.0.1", 0, null, securityPolicy), context).start();
    }

    /** A fixture whose logins use {@code hasher} (also for the seeded users) and {@code policy}. */
    static ServerFixture withSecurity(PasswordHasher hasher, SecurityPolicy policy) throws IOException {
        return new ServerFixture(null, c -> new ServerContext(c.store(), c.security(),
                new org.virtguard.server.security.Authenticator(c.security(), hasher, policy, c.clock()), hasher,
                c.clock(), c.policy(), c.flows(), c.zones(), c.metrics(), c.response(), c.readiness()));
    }

    static ZoneResolver zones() {
        return new ZoneResolver() {
            @Override
            public java.util.Optional<TrustZone> zoneOf(VirtualMachine vm, VirtualNic nic) {
                return java.util.Optional.ofNullable(nic.networkName()).map(n -> new TrustZone(n, 1, false));
            }

            @Override
            public java.util.Optional<TrustZone> zoneOfAddress(String address) {
                return java.util.Optional.empty();
            }
        };
    }

    private void seedInventory() {
        Host host = new Host("libvirt:kvm-a", "lab-a", "kvm-a", Platform.LIBVIRT, HypervisorKind.KVM, "QEMU", "8.2.0",
                "8.2.0", Map.of(), List.of("192.0.2.10"), new HostHardware("EPYC", 1, 8, 2, 16, 2400, 64L << 30, 1),
                null, null, ConnectionState.CONNECTED, Map.of());
        VirtualMachine web = vm(WEB_VM_ID, "web01", PowerState.RUNNING, "52:54:00:00:00:01", "dmz");
        VirtualMachine db = vm("9b2e-db01", "db01", PowerState.RUNNING, "52:54:00:00:00:02", "pci");
        VirtualMachine old = vm("77aa-legacy", "legacy", PowerState.OFF, "52:54:00:00:00:03", "dmz");
        store.inventory().applySync(List.of(new InventorySnapshot("lab-a", T0, List.of(), List.of(), List.of(host),
                List.of(web, db, old), List.of(), List.of(), List.of())), List.of(), Instant.now());
        store.alerts().record(new Alert(ALERT_KEY, "auth.bruteforce", Severity.HIGH, "SSH brute force against kvm-a",
                null, null, T0, T0.plusSeconds(60), 42, Map.of(), List.of("Failed password for root")), T0);
        store.alerts().record(new Alert("flow.portscan|10.0.0.9", "flow.portscan", Severity.MEDIUM, "Port scan",
                null, null, T0, T0.plusSeconds(30), 120, Map.of(), List.of()), T0);
    }

    private static VirtualMachine vm(String id, String name, PowerState power, String mac, String network) {
        VirtualNic nic = new VirtualNic(VirtualNic.idFor(id, mac, 0), id, mac, NicAttachment.NETWORK, network, null,
                null, null, Collected.of(VlanConfig.none()), "virtio", "vnet0", null,
                Collected.notCollected("no guest agent"), true);
        return VirtualMachine.builder(id, name).hostId("libvirt:kvm-a").powerState(power).vcpus(2)
                .memoryBytes(2L << 30).addNic(nic).build();
    }

    private void seedUsersAndTokens() {
        Instant now = Instant.now();
        for (Role role : Role.values()) {
            String user = username(role);
            context.security().users().create(user, role, context.hasher().hash(PASSWORD.toCharArray()), now);
            tokens.put(role, token(user, role, TokenScope.ALL, now.plus(Duration.ofDays(1))));
        }
        expiredToken = token(username(Role.ADMIN), Role.ADMIN, TokenScope.ALL, now.minusSeconds(1));
        revokedToken = token(username(Role.ADMIN), Role.ADMIN, TokenScope.ALL, now.plus(Duration.ofDays(1)));
        context.security().tokens().revoke(revokedToken.substring(0, revokedToken.indexOf('.')), now);
        metricsOnlyToken = token(username(Role.ADMIN), Role.ADMIN, Set.of(TokenScope.METRICS),
                now.plus(Duration.ofDays(1)));
    }

    private String token(String user, Role role, Set<String> scopes, Instant expires) {
        String id = "vgt_" + Secrets.random(9);
        String secret = id + "." + Secrets.random(32);
        context.security().tokens().create(new StoredToken(id, "test", user, role, scopes, Instant.now().minusSeconds(60),
                expires, null, null), Secrets.digest(secret));
        return secret;
    }

    static String username(Role role) {
        return role.name().toLowerCase();
    }

    /** A fresh console session: its cookie value and CSRF token. */
    Session login(Role role) {
        LoginResult r = context.authenticator().login(username(role), PASSWORD.toCharArray(), "fixture");
        if (!r.succeeded()) {
            throw new IllegalStateException("fixture login failed: " + r);
        }
        return new Session(r.sessionId(), r.principal().csrfToken());
    }

    record Session(String id, String csrf) {
    }

    String base() {
        return server.baseUrl();
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String method, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20));
        if (method.equals("GET")) {
            return b.GET();
        }
        if (method.equals("HEAD")) {
            return b.HEAD();
        }
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
    }

    HttpResponse<String> getWithToken(String path, Role role) {
        return send(request("GET", path).header("Authorization", "Bearer " + tokens.get(role)));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
