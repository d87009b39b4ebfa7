package org.virtguard.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(256, 1, 1);

    @Test
    void aHashVerifiesOnlyItsPassword() {
        String hash = hasher.hash("s3cret passphrase".toCharArray());

        assertThat(hash).startsWith("$argon2id$v=19$m=256,t=1,p=1$");
        assertThat(hasher.verify("s3cret passphrase".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("s3cret passphrasE".toCharArray(), hash)).isFalse();
        assertThat(hasher.hash("s3cret passphrase".toCharArray())).as("salted").isNotEqualTo(hash);
    }

    @Test
    void verificationUsesTheParametersStoredWithTheHash() {
        String strong = PasswordHasher.standard().hash("pw".toCharArray());
        assertThat(hasher.verify("pw".toCharArray(), strong)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "$argon2i$v=19$m=256,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=256,t=1,p=1$!!$AAAA", "$argon2id$v=19$x=1$AAAA$AAAA", "$argon2id$v=19$m=256,t=1,p=1$AAAA$AA"})
    void malformedOrHostileHashesNeverMatch(String stored) {
        assertThat(hasher.verify("pw".toCharArray(), stored)).isFalse();
    }

    @Test
    void overlongPasswordsAreRefused() {
        char[] huge = new char[PasswordHasher.MAX_PASSWORD_LENGTH + 1];
        assertThatThrownBy(() -> hasher.hash(huge)).isInstanceOf(IllegalArgumentException.class);
        assertThat(hasher.verify(huge, hasher.hash("x".toCharArray()))).isFalse();
    }

    @Test
    void theRateLimiterAllowsABurstPerAddressPerWindow() {
        LoginRateLimiter limiter = new LoginRateLimiter(2, java.time.Duration.ofMinutes(1));
        java.time.Instant t = java.time.Instant.parse("2026-11-22T08:00:00Z");
        assertThat(limiter.tryAcquire("10.0.0.1", t)).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1", t.plusSeconds(1))).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1", t.plusSeconds(2))).isFalse();
        assertThat(limiter.tryAcquire("10.0.0.2", t.plusSeconds(2))).as("per address").isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1", t.plusSeconds(61))).as("window slides").isTrue();
    }
}
