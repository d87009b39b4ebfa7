package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.virtguard.store.security.AuditEntry;
import org.virtguard.store.security.AuditRecord;
import org.virtguard.store.security.Role;

/**
 * Issue 14, low items 11 and 13: request bodies are parsed strictly (a string for a number, a number that would wrap
 * around, a key given twice, an unknown field are refused with a 400 naming the field, and nothing is created), and a
 * login posted from another site is audited, aggregated per address like other refused logins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileBodiesTest {

    private ServerFixture fixture;

    @BeforeAll
    void start() throws Exception {
        fixture = new ServerFixture();
    }

    @AfterAll
    void stop() throws Exception {
        fixture.close();
    }

    private HttpResponse<String> createToken(String body) {
        return fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + "/api/v1/tokens"))
                .header("Authorization", "Bearer " + fixture.tokens.get(Role.ADMIN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private int tokenCount() {
        return fixture.context.security().tokens().list().size();
    }

    @Test
    void aNumberSentAsAStringIsRefusedNotReplacedByTheDefault() {
        int before = tokenCount();

        HttpResponse<String> r = createToken("{\"name\": \"t1\", \"role\": \"viewer\", \"scopes\": [\"read\"], "
                + "\"expiresInDays\": \"1\"}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(message(r)).contains("'expiresInDays'").contains("whole number").contains("not a string");
        assertThat(tokenCount()).isEqualTo(before);
    }

    @Test
    void aNumberBeyondTheRangeIsRefusedNotWrappedAround() {
        int before = tokenCount();

        for (String days : List.of("4294967297", "-1", "0", "367", "1.5", "1e2", "99999999999999999999999")) {
            HttpResponse<String> r = createToken("{\"name\": \"t2\", \"role\": \"viewer\", \"scopes\": [\"read\"], "
                    + "\"expiresInDays\": " + days + "}");
            assertThat(r.statusCode()).as(days).isEqualTo(400);
            assertThat(message(r)).as(days).contains("'expiresInDays'");
        }
        assertThat(tokenCount()).isEqualTo(before);
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() {
        int before = tokenCount();

        HttpResponse<String> r = createToken("{\"name\": \"t3\", \"role\": \"viewer\", \"role\": \"admin\", "
                + "\"scopes\": [\"read\"], \"expiresInDays\": 1}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(message(r)).isEqualTo("field 'role' appears more than once");
        assertThat(tokenCount()).isEqualTo(before);
    }

    @Test
    void unknownFieldsWrongTypesAndTrailingTextAreRefused() {
        assertThat(message(createToken("{\"name\": \"t4\", \"role\": \"viewer\", \"scopes\": [\"read\"], "
                + "\"expiresInDays\": 1, \"expiresIndays\": 1000}"))).contains("unknown field 'expiresIndays'");
        assertThat(message(createToken("{\"name\": 7, \"role\": \"viewer\", \"scopes\": [\"read\"]}")))
                .contains("field 'name' must be a string");
        assertThat(message(createToken("{\"name\": \"t5\", \"role\": \"viewer\", \"scopes\": \"read\"}")))
                .contains("field 'scopes' must be an array of strings");
        assertThat(message(createToken("{\"name\": \"t6\", \"role\": \"viewer\", \"scopes\": [\"read\"]} {}")))
                .contains("not valid JSON");
    }

    @Test
    void aWellFormedBodyStillWorksWithItsExactExpiry() {
        HttpResponse<String> r = createToken("{\"name\": \"t7\", \"role\": \"viewer\", \"scopes\": [\"read\"], "
                + "\"expiresInDays\": 1}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Instant expires = Instant.parse(ServerFixture.json(r).at("/details/expiresAt").asText());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofHours(23), Duration.ofHours(25));
    }

    @Test
    void crossSiteLoginRefusalsAreAuditedOncePerAddressAndWindow() {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Sec-Fetch-Site", "cross-site")
                    .POST(HttpRequest.BodyPublishers.ofString("username=viewer&password=guess" + i)));
            assertThat(r.statusCode()).isEqualTo(403);
        }

        List<AuditRecord> crossSite = fixture.context.security().audit().list(0, 500).stream()
                .map(AuditEntry::record)
                .filter(a -> a.action().equals("session.login") && a.detail() != null
                        && a.detail().startsWith("cross_site"))
                .toList();
        assertThat(crossSite).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo("denied");
            assertThat(a.actor()).isEqualTo("viewer");
            assertThat(a.detail()).contains("Sec-Fetch-Site cross-site");
        });
    }

    private static String message(HttpResponse<String> r) {
        JsonNode body = ServerFixture.json(r);
        return body.path("message").asText();
    }
}
