package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

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
    void invalidTokensGetTheStatusOnly() throws InterruptedException {
        for (String token : new String[] {fixture.revokedToken, fixture.expiredToken, "vgt_nobody.nothing"}) {
            HttpResponse<String> first = readyz("Authorization", "Bearer " + token);
            Thread.sleep(300); // a verification that outlasted the budget has completed by now
            HttpResponse<String> second = readyz("Authorization", "Bearer " + token);

            for (HttpResponse<String> ready : List.of(first, second)) {
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
            }
        }
    }

    @Test
    void everyRoleAndAMetricsOnlyTokenSeeTheComponents() throws InterruptedException {
        for (Role role : Role.values()) {
            JsonNode body = details("Authorization", "Bearer " + fixture.tokens.get(role));
            assertThat(body.at("/components/store/status").asText()).as(role.name()).isEqualTo("up");
        }
        JsonNode metrics = details("Authorization", "Bearer " + fixture.metricsOnlyToken);
        assertThat(metrics.at("/components/store/status").asText()).isEqualTo("up");
    }

    @Test
    void aConsoleSessionSeesTheComponents() throws InterruptedException {
        ServerFixture.Session session = fixture.login(Role.VIEWER);

        JsonNode body = details("Cookie", fixture.server.sessionCookie() + "=" + session.id());

        assertThat(body.at("/components/store/status").asText()).isEqualTo("up");
    }

    private HttpResponse<String> readyz(String header, String value) {
        return fixture.send(fixture.request("GET", "/readyz").header(header, value));
    }

    /**
     * {@code /readyz} for this caller once it shows components: a first verification that outlasts the 40 ms
     * budget on a busy machine completes in the background and counts for the next call.
     */
    private JsonNode details(String header, String value) throws InterruptedException {
        JsonNode body = ServerFixture.json(readyz(header, value));
        for (int i = 0; i < 50 && !body.has("components"); i++) {
            Thread.sleep(100);
            body = ServerFixture.json(readyz(header, value));
        }
        return body;
    }
}
