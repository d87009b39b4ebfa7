package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.virtguard.server.security.Principal;
import org.virtguard.store.security.Role;

/** Users and API tokens managed in the console: created, shown once, usable, revoked; rules as in the API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesTest {

    private ServerFixture fixture;
    private ServerFixture.Session admin;

    @BeforeAll
    void start() throws Exception {
        fixture = new ServerFixture();
        admin = fixture.login(Role.ADMIN);
    }

    @AfterAll
    void stop() throws Exception {
        fixture.close();
    }

    private HttpResponse<String> post(ServerFixture.Session s, String path, String form) {
        return fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + path))
                .header("Cookie", "vg_session=" + s.id()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + enc(s.csrf()))));
    }

    private HttpResponse<String> get(ServerFixture.Session s, String path) {
        return fixture.send(fixture.request("GET", path).header("Cookie", "vg_session=" + s.id()));
    }

    @Test
    void anAdminCreatesAUserAndATokenThatIsShownOnceAndWorksUntilRevoked() {
        HttpResponse<String> user = post(admin, "/admin/users", "username=carol&role=operator&password="
                + enc("a long enough password"));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(303);
        assertThat(fixture.context.security().users().find("carol")).get()
                .satisfies(u -> assertThat(u.role()).isEqualTo(Role.OPERATOR));

        HttpResponse<String> created = post(admin, "/admin/tokens", "name=siem-reader&role=viewer&scopes=read"
                + "&expiresInDays=30");
        assertThat(created.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("<pre>(vgt_[^<]+)</pre>").matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        String token = m.group(1);
        assertThat(fixture.send(fixture.request("GET", "/api/v1/vms").header("Authorization", "Bearer " + token))
                .statusCode()).isEqualTo(200);
        assertThat(get(admin, "/admin").body()).contains("siem-reader", "carol").doesNotContain(token);

        String id = token.substring(0, token.indexOf('.'));
        assertThat(post(admin, "/admin/tokens/" + id + "/revoke", "x=1").statusCode()).isEqualTo(303);
        assertThat(fixture.send(fixture.request("GET", "/api/v1/vms").header("Authorization", "Bearer " + token))
                .statusCode()).isEqualTo(401);
        assertThat(fixture.context.security().audit().list(0, 20)).extracting(e -> e.record().action())
                .contains("user.create", "token.create", "token.revoke");
    }

    @Test
    void theApiRulesHoldInTheConsole() {
        assertThat(post(admin, "/admin/users", "username=dave&role=viewer&password=short").statusCode())
                .isEqualTo(400);
        Principal me = fixture.context.authenticator().session(admin.id()).orElseThrow();
        assertThat(post(admin, "/admin/users/" + me.username() + "/disable", "x=1").statusCode()).isEqualTo(400);
        ServerFixture.Session operator = fixture.login(Role.OPERATOR);
        assertThat(get(operator, "/admin").statusCode()).isEqualTo(403);
        assertThat(get(operator, "/").body()).doesNotContain("href=\"/admin\"");
        assertThat(get(admin, "/").body()).contains("href=\"/admin\"");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
