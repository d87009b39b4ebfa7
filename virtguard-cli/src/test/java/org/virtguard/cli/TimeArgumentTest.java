package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class TimeArgumentTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsInstantsDatesAndAges() {
        assertThat(TimeArgument.parse("2026-11-20T08:30:00Z", clock)).isEqualTo("2026-11-20T08:30:00Z");
        assertThat(TimeArgument.parse("2026-11-20T09:30:00+01:00", clock)).isEqualTo("2026-11-20T08:30:00Z");
        assertThat(TimeArgument.parse("2026-11-20", clock)).isEqualTo("2026-11-20T00:00:00Z");
        assertThat(TimeArgument.parse("2h", clock)).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(TimeArgument.parse("7d", clock)).isEqualTo("2026-11-15T12:00:00Z");
        assertThat(TimeArgument.parse("1w", clock)).isEqualTo("2026-11-15T12:00:00Z");
    }

    @Test
    void rejectsNonsenseWithAHint() {
        assertThatThrownBy(() -> TimeArgument.parse("yesterday-ish", clock))
                .isInstanceOf(CliException.class).hasMessageContaining("yesterday-ish").hasMessageContaining("7d");
    }
}
