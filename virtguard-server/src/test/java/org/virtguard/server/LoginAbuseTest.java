package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtguard.server.security.PasswordHasher;
import org.virtguard.server.security.SecurityPolicy;

/**
 * Issue 14, item 4: a stranger's wrong guesses must not lock the owner out, and the answers must not tell which user
 * names exist. Clients use distinct loopback source addresses (127.0.0.x), as different machines would.
 */
class LoginAbuseTest {

    private ServerFixture fixture;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private LoginSource from(int n) {
        return LoginSource.loopback(fixture.base(), n);
    }

    @Test
    void fiveWrongGuessesFromOneAddressDoNotStopTheOwnerAtAnother() throws Exception {
        fixture = ServerFixture.withSecurity(new PasswordHasher(256, 1, 1), SecurityPolicy.defaults());
        LoginSource stranger = from(3);
        for (int i = 0; i < 5; i++) {
            assertThat(stranger.login("operator", "guess " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> owner = from(2).login("operator", ServerFixture.PASSWORD);

        assertThat(owner.statusCode()).as("the owner, elsewhere, with the right password").isEqualTo(303);
        assertThat(owner.headers().firstValue("Location")).hasValue("/");
    }

    @Test
    void aDistributedGuessingRunNeverHoldsBackTheOwnerAtAKnownPlace() throws Exception {
        fixture = ServerFixture.withSecurity(new PasswordHasher(256, 1, 1), SecurityPolicy.defaults());
        LoginSource office = from(2);
        assertThat(office.login("operator", ServerFixture.PASSWORD).statusCode()).isEqualTo(303);
        String device = office.deviceCookie();
        assertThat(device).as("a device cookie for the owner's browser").isNotNull();
        office.closeBrowser();

        int refused = 0;
        for (int n = 10; n < 20; n++) {
            LoginSource stranger = from(n);
            for (int i = 0; i < 8; i++) {
                int status = stranger.login("operator", "guess " + n + "-" + i).statusCode();
                assertThat(status).isIn(401, 429);
                refused += status == 429 ? 1 : 0;
            }
        }
        assertThat(refused).as("the guessing run itself was slowed down").isGreaterThan(0);
        HttpResponse<String> unknownPlace = from(40).login("operator", ServerFixture.PASSWORD);
        assertThat(unknownPlace.statusCode()).as("a never-seen place must wait while the account is under attack")
                .isEqualTo(429);
        assertThat(unknownPlace.headers().firstValue("Retry-After")).isPresent();

        assertThat(office.login("operator", ServerFixture.PASSWORD).statusCode())
                .as("the owner at the address they logged in from before").isEqualTo(303);
        LoginSource laptopElsewhere = from(41);
        laptopElsewhere.setDeviceCookie(device);
        assertThat(laptopElsewhere.login("operator", ServerFixture.PASSWORD).statusCode())
                .as("the owner's browser (device cookie) at a new address").isEqualTo(303);
        LoginSource forged = from(42);
        forged.setDeviceCookie("A".repeat(43));
        assertThat(forged.login("operator", ServerFixture.PASSWORD).statusCode()).as("a made-up device cookie")
                .isEqualTo(429);
    }

    @Test
    void unknownAndExistingNamesGetTheSameAnswersInTheSameOrder() throws Exception {
        fixture = ServerFixture.withSecurity(new PasswordHasher(256, 1, 1), SecurityPolicy.defaults());
        LoginSource a = from(2);
        LoginSource b = from(3);
        List<String> existing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            existing.add(answer(a.login("admin", "wrong password " + i)));
            unknown.add(answer(b.login("no-such-admin", "wrong password " + i)));
        }

        assertThat(existing).as("statuses, Retry-After and bodies").isEqualTo(unknown);
        assertThat(existing.get(0)).startsWith("401");
        assertThat(existing.get(existing.size() - 1)).startsWith("429");
    }

    @Test
    void unknownAndExistingNamesTakeTheSameTime() throws Exception {
        // 8 MiB Argon2id: cheap enough for a loaded machine, while a database write on one path only would show
        fixture = ServerFixture.withSecurity(new PasswordHasher(8 * 1024, 2, 1), SecurityPolicy.defaults());
        String[] users = {"viewer", "operator", "admin"};
        List<Long> existing = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int n = 2; n < 10; n++) {
            LoginSource source = from(n);
            for (String user : users) {
                existing.add(timed(source, user));
                unknown.add(timed(source, "x" + user + n));
            }
        }
        existing.remove(0);
        unknown.remove(0);

        long existingMedian = median(existing);
        long unknownMedian = median(unknown);
        long margin = Math.max(15_000_000L, Math.max(existingMedian, unknownMedian) / 4);
        assertThat(Math.abs(existingMedian - unknownMedian)).as("median %d µs for existing names, %d µs for unknown",
                existingMedian / 1000, unknownMedian / 1000).isLessThan(margin);
        assertThat(unknownMedian).as("unknown names pay for a real Argon2 verification").isGreaterThan(3_000_000L);
    }

    private static long timed(LoginSource source, String user) {
        long start = System.nanoTime();
        HttpResponse<String> r = source.login(user, "not the password");
        long elapsed = System.nanoTime() - start;
        assertThat(r.statusCode()).as(user).isEqualTo(401);
        return elapsed;
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String answer(HttpResponse<String> r) {
        return r.statusCode() + " " + r.headers().firstValue("Retry-After").orElse("-") + " " + r.body();
    }
}
