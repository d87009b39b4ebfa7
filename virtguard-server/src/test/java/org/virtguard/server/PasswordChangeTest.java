package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtguard.store.security.AuditEntry;
import org.virtguard.store.security.Role;

/** Issue 14, item 6: changing one's password, an admin's reset with a forced change, and the policy's refusals. */
class PasswordChangeTest {

    private static final String NEW_PASSWORD = "tangerine ladder quietly 47";
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final Pattern TEMPORARY = Pattern.compile("<pre>([^<]+)</pre>");

    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aUserChangesTheirPasswordOnlyToOneThePolicyAccepts() {
        ServerFixture.Session session = fixture.login(Role.OPERATOR);
        ServerFixture.Session elsewhere = fixture.login(Role.OPERATOR);

        HttpResponse<String> wrong = change(session, "not my password", NEW_PASSWORD);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(ServerFixture.json(wrong).path("message").asText()).contains("not your current password");
        Map<String, String> refusals = Map.of(
                "aaaaaaaaaaaa", "rule 'repetition'): the password must not be one character repeated",
                " ".repeat(12), "rule 'whitespace'): the password must not be only spaces",
                "Virtguard2025!", "rule 'common'): the password is on VirtGuard's list of common",
                "operator-strong-horse-77", "rule 'username'): the password must not contain the user name",
                "too short", "rule 'length'): the password is too short: use at least 12 characters",
                ServerFixture.PASSWORD, "rule 'reuse'): the new password must differ from the current one");
        for (Map.Entry<String, String> refused : refusals.entrySet()) {
            HttpResponse<String> response = change(session, ServerFixture.PASSWORD, refused.getKey());
            assertThat(response.statusCode()).as(refused.getKey()).isEqualTo(400);
            JsonNode error = ServerFixture.json(response);
            assertThat(error.path("code").asText()).isEqualTo("WEAK_PASSWORD");
            assertThat(error.path("message").asText()).as(refused.getKey()).contains(refused.getValue());
        }

        HttpResponse<String> changed = change(session, ServerFixture.PASSWORD, NEW_PASSWORD);

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(ServerFixture.json(changed).path("otherSessionsEnded").asInt()).isEqualTo(1);
        assertThat(me(session).statusCode()).as("this session goes on").isEqualTo(200);
        assertThat(me(elsewhere).statusCode()).as("the other session ended").isEqualTo(401);
        assertThat(formLogin("operator", ServerFixture.PASSWORD).statusCode()).isEqualTo(401);
        assertThat(formLogin("operator", NEW_PASSWORD).statusCode()).isEqualTo(303);
        assertThat(fixture.getWithToken("/api/v1/vms", Role.OPERATOR).statusCode()).as("tokens keep working")
                .isEqualTo(200);
        List<AuditEntry> audit = entries("user.password.change");
        assertThat(audit).extracting(e -> e.record().outcome()).containsOnly("success", "failure")
                .contains("success");
        assertThat(audit).filteredOn(e -> e.record().outcome().equals("failure")).hasSize(7);
        assertNoSecretIn(audit, NEW_PASSWORD, ServerFixture.PASSWORD, "Virtguard2025!", "operator-strong-horse-77");
    }

    @Test
    void anAdminResetForcesAChangeBeforeAnythingElse() {
        ServerFixture.Session before = fixture.login(Role.VIEWER);
        HttpResponse<String> self = resetWithAdminToken("admin");
        assertThat(self.statusCode()).as("an admin changes their own password, not resets it").isEqualTo(400);

        HttpResponse<String> reset = resetWithAdminToken("viewer");

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(reset.headers().firstValue("Cache-Control")).hasValue("no-store");
        String temporary = ServerFixture.json(reset).path("temporaryPassword").asText();
        assertThat(temporary).hasSize(20);
        assertThat(me(before).statusCode()).as("the user's sessions ended").isEqualTo(401);
        assertThat(formLogin("viewer", ServerFixture.PASSWORD).statusCode()).isEqualTo(401);

        HttpResponse<String> login = formLogin("viewer", temporary);
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/account/password");
        String cookie = sessionCookie(login);
        HttpResponse<String> page = fixture.send(fixture.request("GET", "/account/password").header("Cookie", cookie));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Your password is temporary");
        Matcher csrfMatch = CSRF_META.matcher(page.body());
        assertThat(csrfMatch.find()).isTrue();
        String csrf = csrfMatch.group(1);

        HttpResponse<String> api = fixture.send(fixture.request("GET", "/api/v1/vms").header("Cookie", cookie));
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(ServerFixture.json(api).path("code").asText()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
        HttpResponse<String> console = fixture.send(fixture.request("GET", "/inventory").header("Cookie", cookie));
        assertThat(console.statusCode()).isEqualTo(303);
        assertThat(console.headers().firstValue("Location")).hasValue("/account/password");
        HttpResponse<String> token = fixture.send(fixture.request("POST", "/api/v1/tokens").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"t\",\"role\":\"viewer\",\"scopes\":[\"read\"],\"expiresInDays\":1}")));
        assertThat(token.statusCode()).as("no token while the password is temporary").isEqualTo(403);
        assertThat(fixture.send(fixture.request("GET", "/api/v1/me").header("Cookie", cookie)).statusCode())
                .isEqualTo(200);
        assertThat(fixture.getWithToken("/api/v1/vms", Role.VIEWER).statusCode()).as("API tokens work as before")
                .isEqualTo(200);

        HttpResponse<String> weak = changeForm(cookie, csrf, temporary, "aaaaaaaaaaaa");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("must not be one character repeated");
        HttpResponse<String> changed = changeForm(cookie, csrf, temporary, NEW_PASSWORD);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).contains("Your password was changed");

        assertThat(fixture.send(fixture.request("GET", "/api/v1/vms").header("Cookie", cookie)).statusCode())
                .isEqualTo(200);
        assertThat(formLogin("viewer", temporary).statusCode()).isEqualTo(401);
        HttpResponse<String> next = formLogin("viewer", NEW_PASSWORD);
        assertThat(next.headers().firstValue("Location")).hasValue("/");
        List<AuditEntry> resets = entries("user.password.reset");
        assertThat(resets).extracting(e -> e.record().outcome()).containsExactlyInAnyOrder("failure", "success");
        assertThat(resets).filteredOn(e -> e.record().outcome().equals("success")).singleElement()
                .satisfies(e -> {
                    assertThat(e.record().target()).isEqualTo("viewer");
                    assertThat(e.record().actor()).startsWith("admin (token ");
                });
        assertNoSecretIn(resets, temporary);
        assertNoSecretIn(entries("user.password.change"), temporary, NEW_PASSWORD);
        assertThat(entries("session.login")).anyMatch(e -> "password change required".equals(e.record().detail()));
    }

    @Test
    void anAdminResetsAPasswordInTheConsole() {
        ServerFixture.Session admin = fixture.login(Role.ADMIN);
        HttpResponse<String> page = fixture.send(HttpRequest.newBuilder(URI.create(fixture.base()
                        + "/admin/users/operator/password"))
                .header("Cookie", fixture.server.sessionCookie() + "=" + admin.id())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + admin.csrf())));

        assertThat(page.statusCode()).isEqualTo(200);
        Matcher temporary = TEMPORARY.matcher(page.body());
        assertThat(temporary.find()).as(page.body()).isTrue();
        HttpResponse<String> login = formLogin("operator", temporary.group(1));
        assertThat(login.headers().firstValue("Location")).hasValue("/account/password");
        assertNoSecretIn(entries("user.password.reset"), temporary.group(1));
    }

    private HttpResponse<String> change(ServerFixture.Session session, String current, String next) {
        String body;
        try {
            body = ServerFixture.JSON.writeValueAsString(Map.of("currentPassword", current, "newPassword", next));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return fixture.send(fixture.request("POST", "/api/v1/me/password")
                .header("Cookie", fixture.server.sessionCookie() + "=" + session.id())
                .header("X-CSRF-Token", session.csrf()).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> changeForm(String cookie, String csrf, String current, String next) {
        String form = Map.of("_csrf", csrf, "currentPassword", current, "newPassword", next, "confirmPassword", next)
                .entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + "/account/password"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> resetWithAdminToken(String user) {
        return fixture.send(fixture.request("POST", "/api/v1/users/" + user + "/password")
                .header("Authorization", "Bearer " + fixture.tokens.get(Role.ADMIN)));
    }

    private HttpResponse<String> me(ServerFixture.Session session) {
        return fixture.send(fixture.request("GET", "/api/v1/me")
                .header("Cookie", fixture.server.sessionCookie() + "=" + session.id()));
    }

    private HttpResponse<String> formLogin(String user, String password) {
        return fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))));
    }

    private static String sessionCookie(HttpResponse<String> login) {
        return login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("vg_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    private List<AuditEntry> entries(String action) {
        return fixture.context.security().audit().list(0, 500).stream()
                .filter(e -> action.equals(e.record().action())).toList();
    }

    private static void assertNoSecretIn(List<AuditEntry> entries, String... secrets) {
        for (AuditEntry e : entries) {
            for (String secret : secrets) {
                assertThat(String.valueOf(e.record().detail())).doesNotContain(secret.strip());
            }
        }
    }
}
