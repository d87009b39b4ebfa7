package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.virtguard.store.security.Role;

/**
 * Who sees what on the probes: {@code /healthz} says only "ok"; {@code /readyz} gives anonymous callers and
 * callers with a revoked, expired or unknown token the overall status only, and each component to a console
 * session or a token with scope read or metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadinessAccessTest {

    private ServerFixture fixture;

    @BeforeAll
    void start() throws Exception {
        fixture = new ServerFixture();
    }

    @AfterAll
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void healthzSaysOkAndNothingElse() {
        HttpResponse<String> health = fixture.send(fixture.request("GET", "/healthz"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(health.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void anonymousCallersGetTheStatusOnly() {
        for (String path : new String[] {"/readyz", "/ready"}) {
            HttpResponse<String> ready = fixture.send(fixture.request("GET", path));

            assertThat(ready.statusCode()).as(path).isEqualTo(200);
            assertThat(ready.body()).as(path).isEqualTo("{\"status\":\"ready\"}");
        }
    }

    @Test
    void invalidTokensGetTheStatusOnly() {
        for (String token : new String[] {fixture.revokedToken, fixture.expiredToken, "vgt_nobody.nothing"}) {
            HttpResponse<String> ready = fixture.send(fixture.request("GET", "/readyz")
                    .header("Authorization", "Bearer " + token));

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
        }
    }

    @Test
    void everyRoleAndAMetricsOnlyTokenSeeTheComponents() {
        for (Role role : Role.values()) {
            JsonNode body = ServerFixture.json(fixture.getWithToken("/readyz", role));
            assertThat(body.at("/components/store/status").asText()).as(role.name()).isEqualTo("up");
        }
        JsonNode metrics = ServerFixture.json(fixture.send(fixture.request("GET", "/readyz")
                .header("Authorization", "Bearer " + fixture.metricsOnlyToken)));
        assertThat(metrics.at("/components/store/status").asText()).isEqualTo("up");
    }

    @Test
    void aConsoleSessionSeesTheComponents() {
        ServerFixture.Session session = fixture.login(Role.VIEWER);

        JsonNode body = ServerFixture.json(fixture.send(fixture.request("GET", "/readyz")
                .header("Cookie", fixture.server.sessionCookie() + "=" + session.id())));

        assertThat(body.at("/components/store/status").asText()).isEqualTo("up");
    }
}
