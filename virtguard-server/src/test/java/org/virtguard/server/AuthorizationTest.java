package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.store.security.Role;

/**
 * Every route of the route table, called without credentials, with each role's session and token, with a
 * missing or wrong CSRF token, and with expired, revoked and wrongly scoped tokens. A new route fails
 * {@link #everyRouteHasAnExpectedRule()} until its rule is added to {@link #EXPECTED}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationTest {

    private static final String PUBLIC = "public";

    /** The intended rule of every route: the least role, or "public". */
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /health", PUBLIC),
            Map.entry("GET /ready", PUBLIC),
            Map.entry("GET /healthz", PUBLIC),
            Map.entry("GET /readyz", PUBLIC),
            Map.entry("GET /static/{file}", PUBLIC),
            Map.entry("GET /login", PUBLIC),
            Map.entry("POST /login", PUBLIC),
            Map.entry("POST /logout", "viewer"),
            Map.entry("GET /metrics", "viewer"),
            Map.entry("GET /api/v1/openapi.json", "viewer"),
            Map.entry("GET /api/v1/dashboard", "viewer"),
            Map.entry("GET /api/v1/hosts", "viewer"),
            Map.entry("GET /api/v1/hosts/{id}", "viewer"),
            Map.entry("GET /api/v1/inventory/export", "viewer"),
            Map.entry("GET /api/v1/vms", "viewer"),
            Map.entry("GET /api/v1/vms/{id}", "viewer"),
            Map.entry("GET /api/v1/nics", "viewer"),
            Map.entry("GET /api/v1/networks", "viewer"),
            Map.entry("GET /api/v1/sources", "viewer"),
            Map.entry("GET /api/v1/changes", "viewer"),
            Map.entry("GET /api/v1/topology", "viewer"),
            Map.entry("GET /api/v1/alerts", "viewer"),
            Map.entry("GET /api/v1/alerts/{key}", "viewer"),
            Map.entry("POST /api/v1/alerts/{key}/ack", "operator"),
            Map.entry("POST /api/v1/alerts/{key}/close", "operator"),
            Map.entry("GET /api/v1/audit", "viewer"),
            Map.entry("GET /api/v1/audit/verify", "viewer"),
            Map.entry("GET /api/v1/me", "viewer"),
            Map.entry("GET /api/v1/users", "admin"),
            Map.entry("POST /api/v1/users", "admin"),
            Map.entry("POST /api/v1/users/{username}/role", "admin"),
            Map.entry("POST /api/v1/users/{username}/disable", "admin"),
            Map.entry("POST /api/v1/users/{username}/enable", "admin"),
            Map.entry("GET /api/v1/admin-grants", "admin"),
            Map.entry("POST /api/v1/admin-grants/{id}/approve", "admin"),
            Map.entry("POST /api/v1/admin-grants/{id}/reject", "admin"),
            Map.entry("GET /api/v1/tokens", "admin"),
            Map.entry("POST /api/v1/tokens", "admin"),
            Map.entry("DELETE /api/v1/tokens/{id}", "admin"),
            Map.entry("GET /api/v1/findings", "viewer"),
            Map.entry("GET /api/v1/findings/summary", "viewer"),
            Map.entry("GET /api/v1/exceptions", "viewer"),
            Map.entry("POST /api/v1/exceptions", "operator"),
            Map.entry("POST /api/v1/scans", "operator"),
            Map.entry("GET /api/v1/scans/{id}", "viewer"),
            Map.entry("GET /api/v1/zone-matrix", "viewer"),
            Map.entry("GET /", "viewer"),
            Map.entry("GET /inventory", "viewer"),
            Map.entry("GET /inventory/export.xlsx", "viewer"),
            Map.entry("GET /inventory/export.csv", "viewer"),
            Map.entry("GET /hosts", "viewer"),
            Map.entry("GET /networks", "viewer"),
            Map.entry("GET /networks/{id}", "viewer"),
            Map.entry("GET /search", "viewer"),
            Map.entry("GET /flows", "viewer"),
            Map.entry("GET /api/v1/search", "viewer"),
            Map.entry("GET /api/v1/flows", "viewer"),
            Map.entry("GET /hosts/{id}", "viewer"),
            Map.entry("GET /vms/{id}", "viewer"),
            Map.entry("GET /topology", "viewer"),
            Map.entry("GET /alerts", "viewer"),
            Map.entry("POST /alerts/{key}/ack", "operator"),
            Map.entry("GET /api/v1/responses", "viewer"),
            Map.entry("GET /api/v1/responses/{id}", "viewer"),
            Map.entry("POST /api/v1/responses/plan", "operator"),
            Map.entry("POST /api/v1/responses", "operator"),
            Map.entry("POST /api/v1/responses/{id}/approve", "admin"),
            Map.entry("POST /api/v1/responses/{id}/reject", "operator"),
            Map.entry("GET /responses", "viewer"),
            Map.entry("GET /admin", "admin"),
            Map.entry("POST /admin/users", "admin"),
            Map.entry("POST /admin/users/{username}/role", "admin"),
            Map.entry("POST /admin/users/{username}/disable", "admin"),
            Map.entry("POST /admin/users/{username}/enable", "admin"),
            Map.entry("POST /admin/grants/{id}/approve", "admin"),
            Map.entry("POST /admin/grants/{id}/reject", "admin"),
            Map.entry("POST /admin/tokens", "admin"),
            Map.entry("POST /admin/tokens/{id}/revoke", "admin"),
            Map.entry("POST /responses", "operator"),
            Map.entry("POST /responses/{id}/approve", "admin"),
            Map.entry("POST /responses/{id}/reject", "operator"),
            Map.entry("GET /audit", "viewer"),
            Map.entry("GET /findings", "viewer"),
            Map.entry("POST /findings/exception", "operator"),
            Map.entry("GET /zones", "viewer"),
            Map.entry("POST /api/v1/me/password", "viewer"),
            Map.entry("POST /api/v1/users/{username}/password", "admin"),
            Map.entry("GET /account/password", "viewer"),
            Map.entry("POST /account/password", "viewer"),
            Map.entry("POST /admin/users/{username}/password", "admin"),
            Map.entry("POST /api/v1/backup", "admin")));

    private ServerFixture fixture;

    @BeforeAll
    void start() throws Exception {
        fixture = new ServerFixture();
    }

    @AfterAll
    void stop() throws Exception {
        fixture.close();
    }

    Stream<Arguments> routes() {
        return fixture.server.routes().stream().map(r -> Arguments.of(r.method() + " " + r.path(), r));
    }

    Stream<Arguments> protectedRoutes() {
        return fixture.server.routes().stream().filter(r -> !r.access().isPublic())
                .map(r -> Arguments.of(r.method() + " " + r.path(), r));
    }

    Stream<Arguments> stateChangingRoutes() {
        return protectedRoutes().filter(a -> ((ApiRoute) a.get()[1]).changesState());
    }

    @Test
    void everyRouteHasAnExpectedRule() {
        Map<String, String> actual = new TreeMap<>();
        for (ApiRoute r : fixture.server.routes()) {
            actual.put(r.method() + " " + r.path(), r.access().isPublic() ? PUBLIC
                    : r.access().minRole().name().toLowerCase());
        }
        assertThat(actual).isEqualTo(EXPECTED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void withoutCredentialsOnlyPublicRoutesAnswer(String name, ApiRoute route) {
        HttpResponse<String> response = fixture.send(fixture.request(route.method().name(), path(route)));

        if (route.access().isPublic()) {
            assertThat(response.statusCode()).as(name).isLessThan(500);
        } else if (route.access().kind() == Access.Kind.PAGE && !route.changesState()) {
            assertThat(response.statusCode()).as(name).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).as(name).hasValue("/login");
        } else {
            assertThat(response.statusCode()).as(name).isEqualTo(401);
            assertThat(ServerFixture.json(response).path("code").asText()).isEqualTo("AUTHENTICATION_FAILED");
        }
    }

    @ParameterizedTest(name = "HEAD {0}")
    @MethodSource("routes")
    void headAsksForTheSameCredentialsAsGet(String name, ApiRoute route) {
        if (route.method() != io.javalin.http.HandlerType.GET) {
            return;
        }
        HttpResponse<String> response = fixture.send(fixture.request("HEAD", path(route)));

        if (route.access().isPublic()) {
            assertThat(response.statusCode()).as(name).isLessThan(500);
        } else if (route.access().kind() == Access.Kind.PAGE) {
            assertThat(response.statusCode()).as(name).isEqualTo(303);
        } else {
            assertThat(response.statusCode()).as(name).isEqualTo(401);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedRoutes")
    void eachRoleGetsExactlyWhatItsRuleAllows(String name, ApiRoute route) {
        for (Role role : Role.values()) {
            boolean allowed = role.includes(route.access().minRole());
            ServerFixture.Session session = fixture.login(role);
            HttpResponse<String> viaSession = fixture.send(fixture.request(route.method().name(), path(route))
                    .header("Cookie", fixture.server.sessionCookie() + "=" + session.id())
                    .header("X-CSRF-Token", session.csrf()));
            HttpResponse<String> viaToken = fixture.send(fixture.request(route.method().name(), path(route))
                    .header("Authorization", "Bearer " + fixture.tokens.get(role)));
            for (HttpResponse<String> response : new HttpResponse[] {viaSession, viaToken}) {
                if (allowed) {
                    assertThat(response.statusCode()).as(name + " as " + role + ": " + response.body())
                            .isNotIn(401, 403);
                } else {
                    assertThat(response.statusCode()).as(name + " as " + role).isEqualTo(403);
                    assertThat(ServerFixture.json(response).path("code").asText()).isEqualTo("PERMISSION_DENIED");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateChangingRoutes")
    void sessionCallsThatChangeStateNeedTheCsrfToken(String name, ApiRoute route) {
        ServerFixture.Session session = fixture.login(Role.ADMIN);
        for (String csrf : new String[] {null, "forged", session.csrf() + "x"}) {
            HttpRequest.Builder request = fixture.request(route.method().name(), path(route))
                    .header("Cookie", fixture.server.sessionCookie() + "=" + session.id());
            if (csrf != null) {
                request.header("X-CSRF-Token", csrf);
            }
            HttpResponse<String> response = fixture.send(request);
            assertThat(response.statusCode()).as(name + " with CSRF " + csrf).isEqualTo(403);
            assertThat(ServerFixture.json(response).path("code").asText()).isEqualTo("CSRF_REJECTED");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedRoutes")
    void expiredRevokedUnknownAndMalformedTokensAreRefused(String name, ApiRoute route) {
        for (String authorization : Arrays.asList("Bearer " + fixture.expiredToken, "Bearer " + fixture.revokedToken,
                "Bearer vgt_unknown.secret", "Basic YWRtaW46YWRtaW4=")) {
            HttpResponse<String> response = fixture.send(fixture.request(route.method().name(), path(route))
                    .header("Authorization", authorization));
            assertThat(response.statusCode()).as(name + " with " + authorization.substring(0, 10)).isEqualTo(401);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedRoutes")
    void aMetricsTokenReachesOnlyMetrics(String name, ApiRoute route) {
        HttpResponse<String> response = fixture.send(fixture.request(route.method().name(), path(route))
                .header("Authorization", "Bearer " + fixture.metricsOnlyToken));
        if (route.path().equals("/metrics")) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("virtguard_source_up{source=\"lab-a\"} 1");
        } else {
            assertThat(response.statusCode()).as(name).isEqualTo(403);
        }
    }

    @Test
    void aForgedSessionCookieIsNotASession() {
        HttpResponse<String> response = fixture.send(fixture.request("GET", "/api/v1/me")
                .header("Cookie", fixture.server.sessionCookie() + "=forged"));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    static String path(ApiRoute route) {
        return route.path().replace("{file}", "console.css").replace("{id}", "no-such-id")
                .replace("{key}", "no-such-alert").replace("{username}", "nobody");
    }
}
