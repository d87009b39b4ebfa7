package org.virtguard.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code retention:} section: documented defaults, and periods short enough to be a typo are refused. */
class RetentionConfigTest {

    @TempDir
    Path temp;

    @Test
    void defaultsApplyToEveryKindNotConfigured() throws Exception {
        RetentionConfig retention = load("retention: {alerts: 90d}\n").retention();
        assertThat(retention.periods()).containsExactly(java.util.Map.entry("flowEdges", "30d"),
                java.util.Map.entry("alerts", "90d"), java.util.Map.entry("findingHistory", "365d"),
                java.util.Map.entry("inventoryChanges", "365d"), java.util.Map.entry("responseActions", "365d"),
                java.util.Map.entry("sessions", "7d"), java.util.Map.entry("deliverySpool", "30d"));
    }

    @Test
    void minutesMistakenForMonthsAndNonsenseAreRefusedWithTheirKeys() throws Exception {
        Path file = write("retention: {findingHistory: 12m, sessions: soon, deliverySpool: 99999d}\n");
        assertThatThrownBy(() -> new ConfigLoader().load(file))
                .hasMessageContaining("retention.findingHistory").hasMessageContaining("m is minutes, not months")
                .hasMessageContaining("retention.sessions").hasMessageContaining("retention.deliverySpool");
    }

    private VirtGuardConfig load(String retention) throws Exception {
        return new ConfigLoader().load(write(retention));
    }

    private Path write(String retention) throws Exception {
        Path file = temp.resolve("virtguard.yaml");
        Files.writeString(file, "sources:\n  - {id: lab, uri: \"test:///default\"}\n" + retention);
        return file;
    }
}
