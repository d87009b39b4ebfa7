package org.virtguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules every connector applies to template ages and provenance before setting them. */
class TemplateSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-05-01T00:00:00Z", "2026-05-01T02:00:00+02:00", " 2026-05-01T00:00:00.000Z "})
    void rfc3339TimesWithAnOffsetAreKept(String text) {
        assertThat(TemplateSettings.time(text)).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"2026-05-01", "2026-05-01T00:00:00", "2026-02-30T00:00:00Z", "1714557600",
            "+10000-01-01T00:00:00Z",
            "2026-05-01T00:00:00Z trailing text that makes it far longer than any real time could ever be"})
    void anythingElseIsLeftOut(String text) {
        assertThat(TemplateSettings.time(text)).isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "golden\nweb", "golden\u0000"})
    void unusableTemplateNamesAreLeftOut(String name) {
        assertThat(TemplateSettings.templateName(name)).isNull();
    }

    @Test
    void usableTemplateNamesAreKeptUpToTheLimit() {
        assertThat(TemplateSettings.templateName("golden-web")).isEqualTo("golden-web");
        assertThat(TemplateSettings.templateName("Golden Web 2026 (patched)")).isEqualTo("Golden Web 2026 (patched)");
        assertThat(TemplateSettings.templateName("x".repeat(TemplateSettings.MAX_NAME_LENGTH))).isNotNull();
        assertThat(TemplateSettings.templateName("x".repeat(TemplateSettings.MAX_NAME_LENGTH + 1))).isNull();
    }
}
