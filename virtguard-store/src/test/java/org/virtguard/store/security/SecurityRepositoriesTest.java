package org.virtguard.store.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;

class SecurityRepositoriesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @DatabaseTest
    void usersAreCreatedOnceAndLockAfterRepeatedFailures(Store store) {
        UserRepository users = store.security().users();
        assertThat(users.create("alice", Role.OPERATOR, "$argon2id$x", T0)).isTrue();
        assertThat(users.create("alice", Role.ADMIN, "$argon2id$y", T0)).isFalse();
        assertThat(users.count()).isEqualTo(1);

        users.recordFailure("alice", 3, Duration.ofMinutes(15), T0);
        UserAccount twice = users.recordFailure("alice", 3, Duration.ofMinutes(15), T0).orElseThrow();
        assertThat(twice.failedLogins()).isEqualTo(2);
        assertThat(twice.lockedAt(T0)).isFalse();
        UserAccount locked = users.recordFailure("alice", 3, Duration.ofMinutes(15), T0).orElseThrow();
        assertThat(locked.lockedAt(T0.plusSeconds(60))).isTrue();
        assertThat(locked.lockedAt(T0.plus(Duration.ofMinutes(16)))).isFalse();
        assertThat(users.recordFailure("nobody", 3, Duration.ofMinutes(15), T0)).isEmpty();

        users.recordSuccess("alice");
        assertThat(users.find("alice").orElseThrow().lockedUntil()).isNull();
        assertThat(users.find("alice").orElseThrow().toString()).doesNotContain("argon2id");
    }

    @DatabaseTest
    void sessionsExpireAndEndWithTheUser(Store store) {
        SecurityStore security = store.security();
        security.users().create("bob", Role.VIEWER, "h", T0);
        security.sessions().create("s1", "bob", "csrf1", T0, T0.plusSeconds(600));

        assertThat(security.sessions().find("s1", T0.plusSeconds(10))).get()
                .extracting(StoredSession::role).isEqualTo(Role.VIEWER);
        assertThat(security.sessions().find("s1", T0.plusSeconds(601))).isEmpty();
        security.users().setDisabled("bob", true);
        assertThat(security.sessions().find("s1", T0.plusSeconds(10))).isEmpty();
        assertThat(security.sessions().deleteForUser("bob")).isEqualTo(1);
    }

    @DatabaseTest
    void tokensAreFoundByHashAndRevoked(Store store) {
        SecurityStore security = store.security();
        security.users().create("ci", Role.OPERATOR, "h", T0);
        StoredToken token = new StoredToken("tok1", "prometheus", "ci", Role.VIEWER, Set.of("metrics"), T0,
                T0.plusSeconds(3600), null, null);
        security.tokens().create(token, "a".repeat(64));

        StoredToken found = security.tokens().findByHash("a".repeat(64)).orElseThrow();
        assertThat(found.scopes()).containsExactly("metrics");
        assertThat(found.usableAt(T0.plusSeconds(10))).isTrue();
        assertThat(found.usableAt(T0.plusSeconds(3600))).isFalse();
        assertThat(security.tokens().revoke("tok1", T0.plusSeconds(20))).isTrue();
        assertThat(security.tokens().find("tok1").orElseThrow().usableAt(T0.plusSeconds(30))).isFalse();
        assertThat(security.tokens().findByHash("b".repeat(64))).isEmpty();
    }

    @DatabaseTest
    void aTemporaryPasswordIsFlaggedOnTheUserAndTheirSessionsUntilChanged(Store store) {
        SecurityStore security = store.security();
        security.users().create("carol", Role.ADMIN, "h0", T0);
        security.sessions().create("s1", "carol", "c1", T0, T0.plusSeconds(600));
        security.sessions().create("s2", "carol", "c2", T0, T0.plusSeconds(600));
        assertThat(security.users().passwordChangeRequired("carol")).hasValue(false);
        assertThat(security.users().passwordChangeRequired("nobody")).isEmpty();

        assertThat(security.users().setPassword("carol", "h1", T0.plusSeconds(5), true, "admin")).isTrue();
        assertThat(security.users().passwordChangeRequired("carol")).hasValue(true);
        assertThat(security.users().passwordResetBy("carol")).hasValue("admin");
        assertThat(security.sessions().find("s1", T0.plusSeconds(10)).orElseThrow().passwordChangeRequired()).isTrue();

        assertThat(security.users().setPassword("carol", "h2", T0.plusSeconds(20), false, null)).isTrue();
        assertThat(security.users().passwordChangeRequired("carol")).hasValue(false);
        assertThat(security.users().passwordResetBy("carol")).isEmpty();
        assertThat(security.users().find("carol").orElseThrow().passwordChangedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(security.sessions().deleteOthersOfUser("carol", "s1")).isEqualTo(1);
        assertThat(security.sessions().find("s1", T0.plusSeconds(30))).isPresent();
        assertThat(security.sessions().find("s2", T0.plusSeconds(30))).isEmpty();
        assertThat(security.users().requirePasswordChange("carol")).isTrue();
        assertThat(security.users().passwordChangeRequired("carol")).hasValue(true);
    }

    @DatabaseTest
    void knownLoginSourcesAreKeptPerUserAndBounded(Store store) {
        SecurityStore security = store.security();
        security.users().create("dave", Role.VIEWER, "h", T0);
        security.users().create("erin", Role.VIEWER, "h", T0);
        LoginSourceRepository sources = security.loginSources();

        sources.remember("dave", java.util.List.of("ip:192.0.2.1", "device:abc"), T0);
        sources.remember("dave", java.util.List.of("ip:192.0.2.1"), T0.plusSeconds(1));
        assertThat(sources.knownAmong("dave", java.util.List.of("ip:192.0.2.1", "device:abc", "ip:192.0.2.9")))
                .containsExactlyInAnyOrder("ip:192.0.2.1", "device:abc");
        assertThat(sources.knownAmong("erin", java.util.List.of("ip:192.0.2.1"))).isEmpty();
        assertThat(sources.knownAmong("nobody", java.util.List.of("ip:192.0.2.1"))).isEmpty();

        for (int i = 0; i < LoginSourceRepository.KEEP_PER_USER + 5; i++) {
            sources.remember("dave", java.util.List.of("ip:198.51.100." + i), T0.plusSeconds(10 + i));
        }
        assertThat(sources.knownAmong("dave", java.util.List.of("ip:192.0.2.1", "device:abc"))).as("the oldest")
                .isEmpty();
        assertThat(sources.knownAmong("dave", java.util.List.of("ip:198.51.100.24"))).hasSize(1);
        assertThat(sources.forget("dave")).isEqualTo(LoginSourceRepository.KEEP_PER_USER);
        security.users().delete("erin");
    }
}
