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

    private static final String FAILED = " h sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2";

    private static Instant live(String clock, String stamp) {
        Clock c = Clock.fixed(Instant.parse(clock), ZoneOffset.UTC);
        return new AuthLineParser(YearInference.live(c, ZoneOffset.UTC)).parse(stamp + FAILED).instant();
    }

    @Test
    void liveLineDatedTomorrowAtNewYearBelongsToThePreviousYear() {
        assertThat(live("2026-12-31T12:00:00Z", "Jan  1 10:00:00")).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(live("2026-12-31T12:00:00Z", "Dec 31 11:59:00")).isEqualTo(Instant.parse("2026-12-31T11:59:00Z"));
    }

    @Test
    void liveLineDatedTomorrowMidYearBelongsToThePreviousYear() {
        assertThat(live("2026-06-15T12:00:00Z", "Jun 16 08:00:00")).isEqualTo(Instant.parse("2025-06-16T08:00:00Z"));
        assertThat(live("2026-12-07T21:15:00Z", "Dec 10 06:55:46")).isEqualTo(Instant.parse("2025-12-10T06:55:46Z"));
    }

    @Test
    void aSenderClockSecondsAheadAtNewYearKeepsTheNewYear() {
        assertThat(live("2026-12-31T23:59:50Z", "Jan  1 00:00:20")).isEqualTo(Instant.parse("2027-01-01T00:00:20Z"));
        assertThat(live("2026-06-15T12:00:00Z", "Jun 15 12:05:00")).isEqualTo(Instant.parse("2026-06-15T12:05:00Z"));
    }

    @Test
    void fileLinesNeverLieBeyondTheClockEvenWithAGivenYear() {
        Clock newYearsEve = Clock.fixed(Instant.parse("2026-12-31T12:00:00Z"), ZoneOffset.UTC);
        AuthLineParser file = new AuthLineParser(YearInference.startingIn(2026, ZoneOffset.UTC, newYearsEve));
        assertThat(file.parse("Dec 31 08:00:00" + FAILED).instant()).isEqualTo(Instant.parse("2026-12-31T08:00:00Z"));
        assertThat(file.parse("Jan  1 09:00:00" + FAILED).instant()).isEqualTo(Instant.parse("2026-01-01T09:00:00Z"));

        Clock midYear = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);
        AuthLineParser june = new AuthLineParser(YearInference.startingIn(2026, ZoneOffset.UTC, midYear));
        assertThat(june.parse("Jun 16 08:00:00" + FAILED).instant()).isEqualTo(Instant.parse("2025-06-16T08:00:00Z"));
        assertThat(june.parse("Jun 17 08:00:00" + FAILED).instant()).isEqualTo(Instant.parse("2025-06-17T08:00:00Z"));
        assertThat(june.parse("Dec 31 08:00:00" + FAILED).instant()).isEqualTo(Instant.parse("2025-12-31T08:00:00Z"));
        assertThat(june.parse("Jan  3 08:00:00" + FAILED).instant()).isEqualTo(Instant.parse("2026-01-03T08:00:00Z"));
    }
}
