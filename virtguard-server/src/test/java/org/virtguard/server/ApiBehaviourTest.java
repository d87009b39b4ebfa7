package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.store.security.Role;

class ApiBehaviourTest {

    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private HttpResponse<String> formLogin(String user, String password) {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return fixture.send(HttpRequest.newBuilder(java.net.URI.create(fixture.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    @Test
    void loginSetsAHardenedSessionCookieAndIsAudited() {
        HttpResponse<String> response = formLogin("viewer", ServerFixture.PASSWORD);

        assertThat(response.statusCode()).isEqualTo(303);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("vg_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(cookie).as("a browser-session cookie").doesNotContainIgnoringCase("Max-Age")
                .doesNotContainIgnoringCase("Expires");
        String session = cookie.substring("vg_session=".length(), cookie.indexOf(';'));
        HttpResponse<String> me = fixture.send(fixture.request("GET", "/api/v1/me").header("Cookie", "vg_session=" + session));
        assertThat(ServerFixture.json(me).path("username").asText()).isEqualTo("viewer");
        assertThat(fixture.context.security().audit().list(0, 1).get(0).record().action()).isEqualTo("session.login");
        java.util.List<String> stored = fixture.store.jdbi().withHandle(h -> h.createQuery("SELECT id_hash FROM user_session")
                .mapTo(String.class).list());
        assertThat(stored).isNotEmpty().doesNotContain(session);
    }

    @Test
    void aLoginFloodFromOneAddressDoesNotWriteOneAuditRowPerRefusal() throws Exception {
        fixture.close();
        // the shipped limit (20 logins a minute per address), not the fixture's generous one
        fixture = new ServerFixture(null, c -> new ServerContext(c.store(), c.security(),
                new org.virtguard.server.security.Authenticator(c.security(), c.hasher(),
                        org.virtguard.server.security.SecurityPolicy.defaults(), c.clock()),
                c.hasher(), c.clock(), c.policy(), c.flows(), c.zones(), c.metrics(), c.response(), c.readiness()));
        long before = fixture.context.security().audit().count();
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            if (formLogin("nobody-" + i, "wrong password").statusCode() == 429) {
                refused++;
            }
        }

        long rows = fixture.context.security().audit().count() - before;
        assertThat(refused).as("the rate limit refused most of the flood").isGreaterThan(150);
        assertThat(rows).as("failures before the limit, plus one row for all the refusals")
                .isLessThanOrEqualTo(200 - refused + 1);
        assertThat(fixture.context.security().audit().list(0, 1).get(0).record().detail()).isEqualTo("rate_limited");
    }

    @Test
    void repeatedFailuresFromOneAddressDelayThatAddressAndAreAudited() {
        // used to assert that 5 failures locked the account even for the right password (issue 14, item 4): a
        // stranger could lock anyone out. Failures now delay further attempts from the same address only.
        for (int i = 0; i < 5; i++) {
            assertThat(formLogin("operator", "wrong password " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> delayed = formLogin("operator", ServerFixture.PASSWORD);

        assertThat(delayed.statusCode()).isEqualTo(429);
        assertThat(delayed.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(delayed.body()).contains("Too many failed logins");
        assertThat(formLogin("nobody", "x").statusCode()).isEqualTo(401);
        assertThat(fixture.context.security().audit().list(0, 10)).anyMatch(e -> "failure".equals(e.record().outcome()));
    }

    @Test
    void aLoginPostedFromAnotherSiteIsRefused() {
        HttpResponse<String> response = fixture.send(HttpRequest.newBuilder(java.net.URI.create(fixture.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + ServerFixture.PASSWORD)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aLoginFetchedCrossSiteIsRefused() {
        HttpResponse<String> response = fixture.send(HttpRequest.newBuilder(java.net.URI.create(fixture.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + ServerFixture.PASSWORD)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void responsesCarrySecurityHeaders() {
        HttpResponse<String> response = fixture.send(fixture.request("GET", "/login"));

        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).as("no HSTS without TLS").isEmpty();
        assertThat(response.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void healthIsTheOnlyUnauthenticatedData() {
        HttpResponse<String> health = fixture.send(fixture.request("GET", "/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void dashboardCountsMatchTheInventoryAndAlerts() {
        JsonNode d = ServerFixture.json(fixture.getWithToken("/api/v1/dashboard", Role.VIEWER));

        assertThat(d.path("hosts").asInt()).isEqualTo(1);
        assertThat(d.path("vms").asInt()).isEqualTo(3);
        assertThat(d.path("runningVms").asInt()).isEqualTo(2);
        assertThat(d.path("staleSources").asInt()).isZero();
        assertThat(d.path("openAlertsBySeverity").path("HIGH").asLong()).isEqualTo(1);
        assertThat(d.path("openAlertsBySeverity").path("MEDIUM").asLong()).isEqualTo(1);
        assertThat(d.has("failingBySeverity")).as("no policy engine, no invented numbers").isFalse();
    }

    @Test
    void listsArePagedInAStableOrder() {
        JsonNode first = ServerFixture.json(fixture.getWithToken("/api/v1/vms?limit=2", Role.VIEWER));
        JsonNode second = ServerFixture.json(fixture.getWithToken("/api/v1/vms?limit=2&offset=2", Role.VIEWER));

        assertThat(first.path("total").asInt()).isEqualTo(3);
        assertThat(first.path("items").findValuesAsText("name")).containsExactly("db01", "legacy");
        assertThat(first.path("nextOffset").asInt()).isEqualTo(2);
        assertThat(second.path("items").findValuesAsText("name")).containsExactly("web01");
        assertThat(second.path("nextOffset").isNull()).isTrue();
        JsonNode search = ServerFixture.json(fixture.getWithToken("/api/v1/vms?q=DMZ", Role.VIEWER));
        assertThat(search.path("items").findValuesAsText("name")).containsExactly("legacy", "web01");
    }

    @Test
    void alertsAreFilteredAndPagedWithTheirTotal() {
        JsonNode page = ServerFixture.json(fixture.getWithToken("/api/v1/alerts?limit=1", Role.VIEWER));
        JsonNode next = ServerFixture.json(fixture.getWithToken("/api/v1/alerts?limit=1&offset=1", Role.VIEWER));
        JsonNode high = ServerFixture.json(fixture.getWithToken("/api/v1/alerts?severity=high", Role.VIEWER));
        JsonNode auth = ServerFixture.json(fixture.getWithToken("/api/v1/alerts?kind=auth.&status=open", Role.VIEWER));

        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(page.path("items").get(0).path("alert").path("kind").asText()).isEqualTo("auth.bruteforce");
        assertThat(next.path("items").get(0).path("alert").path("kind").asText()).isEqualTo("flow.portscan");
        assertThat(next.path("nextOffset").isNull()).isTrue();
        assertThat(high.path("total").asLong()).isEqualTo(1);
        assertThat(auth.path("items").findValuesAsText("key")).containsExactly(ServerFixture.ALERT_KEY);
    }

    @Test
    void errorsHaveACodeAndAMessage() {
        HttpResponse<String> bad = fixture.getWithToken("/api/v1/vms?limit=0", Role.VIEWER);
        HttpResponse<String> missing = fixture.getWithToken("/api/v1/vms/nope", Role.VIEWER);
        HttpResponse<String> policy = fixture.getWithToken("/api/v1/findings", Role.VIEWER);

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(bad).path("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(ServerFixture.json(bad).path("message").asText()).contains("limit");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(ServerFixture.json(missing).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(policy.statusCode()).isEqualTo(503);
        assertThat(ServerFixture.json(policy).path("code").asText()).isEqualTo("NOT_CONFIGURED");
    }

    @Test
    void theOpenApiDocumentListsEveryApiRoute() {
        JsonNode doc = ServerFixture.json(fixture.getWithToken("/api/v1/openapi.json", Role.VIEWER));

        assertThat(doc.path("openapi").asText()).startsWith("3.");
        for (ApiRoute r : fixture.server.routes()) {
            if (r.access().kind() != org.virtguard.server.api.Access.Kind.PAGE) {
                assertThat(doc.path("paths").path(r.path()).has(r.method().name().toLowerCase()))
                        .as(r.method() + " " + r.path()).isTrue();
            }
        }
    }

    @Test
    void acknowledgingAnAlertIsAuditedAndTamperingIsDetected() {
        String key = URLEncoder.encode(ServerFixture.ALERT_KEY, StandardCharsets.UTF_8);
        HttpResponse<String> ack = fixture.send(fixture.request("POST", "/api/v1/alerts/" + key + "/ack")
                .header("Authorization", "Bearer " + fixture.tokens.get(Role.OPERATOR))
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"blocked at the firewall\"}")));

        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(ServerFixture.json(ack).path("status").asText()).isEqualTo("ACKNOWLEDGED");
        JsonNode audit = ServerFixture.json(fixture.getWithToken("/api/v1/audit?limit=1", Role.VIEWER));
        JsonNode entry = audit.path("items").get(0);
        assertThat(entry.path("record").path("action").asText()).isEqualTo("alert.acknowledge");
        assertThat(entry.path("record").path("target").asText()).isEqualTo(ServerFixture.ALERT_KEY);
        assertThat(entry.path("record").path("actor").asText()).startsWith("operator (token vgt_");
        assertThat(entry.path("record").path("detail").asText()).contains("blocked at the firewall");
        assertThat(ServerFixture.json(fixture.getWithToken("/api/v1/audit/verify", Role.VIEWER)).path("valid").asBoolean())
                .isTrue();

        fixture.store.jdbi().useHandle(h -> h.execute(
                "UPDATE audit_entry SET detail = 'nothing to see' WHERE action = 'alert.acknowledge'"));

        JsonNode verify = ServerFixture.json(fixture.getWithToken("/api/v1/audit/verify", Role.VIEWER));
        assertThat(verify.path("valid").asBoolean()).isFalse();
        assertThat(verify.path("problem").asText()).contains("modified");
    }

    @Test
    void aNewTokenIsShownOnceAndStoredOnlyAsADigest() {
        HttpResponse<String> created = fixture.send(fixture.request("POST", "/api/v1/tokens")
                .header("Authorization", "Bearer " + fixture.tokens.get(Role.ADMIN))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"prometheus\",\"role\":\"viewer\",\"scopes\":[\"metrics\"],\"expiresInDays\":30}")));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String token = ServerFixture.json(created).path("token").asText();
        int plain = fixture.store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_token WHERE token_hash = :t")
                .bind("t", token).mapTo(Integer.class).one());
        assertThat(plain).isZero();
        HttpResponse<String> metrics = fixture.send(fixture.request("GET", "/metrics").header("Authorization", "Bearer " + token));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("virtguard_open_alerts{severity=\"high\"} 1");
        HttpResponse<String> list = fixture.getWithToken("/api/v1/tokens", Role.ADMIN);
        assertThat(list.body()).doesNotContain(token.substring(token.indexOf('.') + 1));
        assertThat(fixture.context.security().audit().list(0, 1).get(0).record().detail()).doesNotContain(
                token.substring(token.indexOf('.') + 1));
    }

    @Test
    void aTokenCannotOutrankItsCreatorOrItsOwner() {
        HttpResponse<String> denied = fixture.send(fixture.request("POST", "/api/v1/users/operator/role")
                .header("Authorization", "Bearer " + fixture.tokens.get(Role.ADMIN))
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"viewer\"}")));
        assertThat(denied.statusCode()).isEqualTo(200);

        HttpResponse<String> ack = fixture.send(fixture.request("POST", "/api/v1/alerts/x/ack")
                .header("Authorization", "Bearer " + fixture.tokens.get(Role.OPERATOR)));
        assertThat(ack.statusCode()).as("the operator's token is capped by the owner's new role").isEqualTo(403);
    }
}
