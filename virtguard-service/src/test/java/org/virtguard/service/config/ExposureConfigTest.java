package org.virtguard.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exposure.maxDataAge}: 7 days by default, a positive duration of at most ten years otherwise. */
class ExposureConfigTest {

    @TempDir
    Path temp;

    @Test
    void maxDataAgeDefaultsToSevenDays() throws Exception {
        assertThat(load("").exposure().maxDataAge()).isEqualTo("7d");
        assertThat(load("exposure: {maxDataAge: 36h}\n").exposure().maxDataAge()).isEqualTo("36h");
    }

    @Test
    void nonsenseZeroAndHugeAgesAreRefusedWithTheirKey() throws Exception {
        for (String bad : new String[]{"soon", "0d", "99999d", "-1d"}) {
            Path file = write("exposure: {maxDataAge: \"" + bad + "\"}\n");
            assertThatThrownBy(() -> new ConfigLoader().load(file)).as(bad)
                    .hasMessageContaining("exposure.maxDataAge");
        }
    }

    private VirtGuardConfig load(String exposure) throws Exception {
        return new ConfigLoader().load(write(exposure));
    }

    private Path write(String exposure) throws Exception {
        Path file = temp.resolve("virtguard.yaml");
        Files.writeString(file, "sources:\n  - {id: lab, uri: \"test:///default\"}\n" + exposure);
        return file;
    }
}
