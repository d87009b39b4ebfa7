package org.virtguard.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RefusedLoginAuditTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void oneRowPerAddressAndWindowWithTheCountOfTheOthersOnTheNext() {
        RefusedLoginAudit audit = new RefusedLoginAudit(Duration.ofMinutes(1), 100);

        assertThat(audit.refused("198.51.100.7", T)).isEqualTo("rate_limited");
        for (int i = 1; i <= 500; i++) {
            assertThat(audit.refused("198.51.100.7", T.plusMillis(i * 100L))).isNull();
        }
        assertThat(audit.refused("198.51.100.8", T.plusSeconds(1))).as("another address").isEqualTo("rate_limited");
        assertThat(audit.refused("198.51.100.7", T.plusSeconds(61)))
                .isEqualTo("rate_limited; 500 more refused from this address before, not audited one by one");
    }

    @Test
    void aFloodFromManyAddressesIsCappedAndCounted() {
        RefusedLoginAudit audit = new RefusedLoginAudit(Duration.ofMinutes(1), 3);
        int audited = 0;
        for (int i = 0; i < 1_000; i++) {
            if (audit.refused("203.0.113." + (i % 250), T.plusMillis(i)) != null) {
                audited++;
            }
        }
        assertThat(audited).isEqualTo(3);
        assertThat(audit.refused("192.0.2.1", T.plusSeconds(60)))
                .contains("247 refused from other addresses in a flood");
    }
}
