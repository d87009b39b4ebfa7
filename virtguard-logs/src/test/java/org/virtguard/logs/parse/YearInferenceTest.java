package org.virtguard.logs.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class YearInferenceTest {

    @Test
    void fileRollsOverFromDecemberToJanuary() {
        AuthLineParser parser = new AuthLineParser(YearInference.startingIn(2023, ZoneOffset.UTC));
        AuthEvent dec = parser.parse("Dec 31 23:59:59 h sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2");
        AuthEvent jan = parser.parse("Jan  1 00:00:01 h sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2");
        assertThat(dec.instant()).isEqualTo(Instant.parse("2023-12-31T23:59:59Z"));
        assertThat(jan.instant()).isEqualTo(Instant.parse("2024-01-01T00:00:01Z"));
    }

    @Test
    void february29thExistsOnlyInLeapYears() {
        AuthLineParser leap = new AuthLineParser(YearInference.startingIn(2024, ZoneOffset.UTC));
        assertThat(leap.parse("Feb 29 12:00:00 h sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2")).isNotNull();
        AuthLineParser common = new AuthLineParser(YearInference.startingIn(2023, ZoneOffset.UTC));
        assertThat(common.parse("Feb 29 12:00:00 h sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2")).isNull();
        assertThat(common.lastStatus()).isEqualTo(AuthLineParser.Status.BAD_TIMESTAMP);
    }

    @Test
    void liveDecemberLineReadInJanuaryBelongsToLastYear() {
        Clock jan2 = Clock.fixed(Instant.parse("2025-01-02T08:00:00Z"), ZoneOffset.UTC);
        AuthLineParser parser = new AuthLineParser(YearInference.live(jan2, ZoneOffset.UTC));
        AuthEvent e = parser.parse("Dec 31 23:00:00 h sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2");
        assertThat(e.instant()).isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
        AuthEvent now = parser.parse("Jan  2 07:59:00 h sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2");
        assertThat(now.instant()).isEqualTo(Instant.parse("2025-01-02T07:59:00Z"));
    }
}
