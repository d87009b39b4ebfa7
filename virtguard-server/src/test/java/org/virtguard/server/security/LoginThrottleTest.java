package org.virtguard.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void failuresFromOneSourceDelayOnlyThatSourceProgressively() {
        LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofMinutes(15));
        Instant now = T;
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.waitFor("alice", "ip:a", false, now)).isEmpty();
            throttle.failed("alice", "ip:a", false, now);
        }
        assertThat(throttle.waitFor("alice", "ip:a", false, now)).hasValue(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("alice", "ip:b", false, now)).as("another source").isEmpty();
        now = now.plusSeconds(1);
        assertThat(throttle.waitFor("alice", "ip:a", false, now)).isEmpty();
        throttle.failed("alice", "ip:a", false, now);
        assertThat(throttle.waitFor("alice", "ip:a", false, now)).hasValue(Duration.ofSeconds(2));
        for (int i = 0; i < 20; i++) {
            throttle.failed("alice", "ip:a", false, now);
        }
        assertThat(throttle.waitFor("alice", "ip:a", false, now)).as("capped").hasValue(Duration.ofMinutes(15));
        assertThat(throttle.waitFor("alice", "ip:a", false, now.plus(Duration.ofMinutes(16)))).isEmpty();
        throttle.failed("alice", "ip:a", false, now.plus(Duration.ofMinutes(16)));
        assertThat(throttle.waitFor("alice", "ip:a", false, now.plus(Duration.ofMinutes(16))))
                .as("waiting out the delay earns no free guesses").hasValue(Duration.ofMinutes(15));

        throttle.succeeded("alice", "ip:a");
        assertThat(throttle.waitFor("alice", "ip:a", true, now)).as("a success clears its source").isEmpty();
        assertThat(throttle.waitFor("alice", "ip:c", false, now)).as("not the account's count from unknown places")
                .isPresent();
    }

    @Test
    void manySourcesDelayUnknownPlacesOnlyNeverKnownGoodOnes() {
        LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofMinutes(15));
        for (int i = 0; i < 25; i++) {
            throttle.failed("alice", "ip:203.0.113." + i, false, T);
        }
        assertThat(throttle.waitFor("alice", "ip:198.51.100.1", false, T)).as("a new place").isPresent();
        assertThat(throttle.waitFor("alice", "ip:192.0.2.10", true, T)).as("the owner's known place").isEmpty();
        assertThat(throttle.waitFor("bob", "ip:198.51.100.1", false, T)).as("another account").isEmpty();
    }

    @Test
    void unknownNamesAreCountedExactlyLikeExistingOnes() {
        LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofMinutes(15));
        for (int i = 0; i < 7; i++) {
            throttle.failed("admin", "ip:a", false, T);
            throttle.failed("no-such-user", "ip:a", false, T);
        }
        assertThat(throttle.waitFor("admin", "ip:a", false, T))
                .isEqualTo(throttle.waitFor("no-such-user", "ip:a", false, T));
    }
}
