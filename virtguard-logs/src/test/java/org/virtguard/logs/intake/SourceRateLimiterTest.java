package org.virtguard.logs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {

    @Test
    void eachSenderHasItsOwnBucket() {
        SourceRateLimiter limiter = new SourceRateLimiter(10, 5, 100);
        long t = 1_000_000_000L;
        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            if (limiter.tryAcquire("192.0.2.1", t)) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(5);
        assertThat(limiter.tryAcquire("192.0.2.2", t)).isTrue();
        assertThat(limiter.tryAcquire("192.0.2.1", t + 100_000_000L)).isTrue();
        assertThat(limiter.tryAcquire("192.0.2.1", t + 100_000_000L)).isFalse();
    }
}
