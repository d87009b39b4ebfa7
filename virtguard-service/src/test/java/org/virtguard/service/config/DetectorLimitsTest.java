package org.virtguard.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.flows.evaluate.DetectorSettings;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.service.ServiceException;

/** The configuration takes exactly the thresholds the detectors themselves take, at the edges of their limits. */
class DetectorLimitsTest {

    @TempDir
    Path dir;

    @Test
    void flowThresholdsMatchDetectorSettings() throws IOException {
        for (int n : new int[] {-1, 0, 1, 2, 3}) {
            boolean detectorTakes = constructs(() -> new DetectorSettings(Duration.ofSeconds(60), n, n, n, Set.of(),
                    20, 100_000));
            assertThat(configTakes("detectors: {flows: {portScanPorts: %d, hostSweepHosts: %d, fanOutVms: %d}}"
                    .formatted(n, n, n))).as("threshold %d", n).isEqualTo(detectorTakes);
        }
    }

    @Test
    void authThresholdsMatchDetectorConfig() throws IOException {
        for (int n : new int[] {0, 1, 1000, 1001}) {
            DetectorConfig d = DetectorConfig.defaults();
            boolean detectorTakes = constructs(() -> new DetectorConfig(n, d.window(), n, d.slowWindow(), n, n, n, n,
                    d.maxTrackedKeys(), d.evidenceLines()));
            assertThat(configTakes(("detectors: {auth: {failures: %d, slowFailures: %1$d, sprayAccounts: %1$d, "
                    + "distributedSources: %1$d, takeoverFailures: %1$d, lockoutStorm: %1$d}}").formatted(n)))
                    .as("threshold %d", n).isEqualTo(detectorTakes);
        }
    }

    @Test
    void authWindowsMatchDetectorConfig() throws IOException {
        DetectorConfig d = DetectorConfig.defaults();
        assertThat(constructs(() -> d.withWindow(Duration.ofHours(25)))).isFalse();
        assertThat(configTakes("detectors: {auth: {window: 25h}}")).isFalse();
        assertThat(constructs(() -> d.withWindow(Duration.ofHours(24)))).isTrue();
        assertThat(configTakes("detectors: {auth: {window: 24h}}")).isTrue();
        assertThat(configTakes("detectors: {auth: {window: 1m, slowWindow: 1m}}")).isTrue();
    }

    @Test
    void alertCapsAreCheckedAndDefaulted() throws IOException {
        DetectorsConfig.AlertCaps defaults = DetectorsConfig.defaults().caps();
        assertThat(defaults.window()).isEqualTo("10m");
        assertThat(defaults.perSource()).isEqualTo(20);
        assertThat(defaults.global()).isEqualTo(200);
        assertThat(configTakes("detectors: {caps: {window: 1s, perSource: 1, global: 1}}")).isTrue();
        assertThat(configTakes("detectors: {caps: {window: 24h, perSource: 1000000, global: 1000000}}")).isTrue();
        assertThat(configTakes("detectors: {caps: {perSource: 0}}")).isFalse();
        assertThat(configTakes("detectors: {caps: {global: 1000001}}")).isFalse();
        assertThat(configTakes("detectors: {caps: {perSource: 50, global: 10}}")).as("per source above global")
                .isFalse();
        assertThat(configTakes("detectors: {caps: {window: 25h}}")).isFalse();
        assertThat(configTakes("detectors: {caps: {window: soon}}")).isFalse();
        assertThat(configTakes("detectors: {caps: {perSorce: 5}}")).as("unknown key").isFalse();
    }

    private boolean configTakes(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("virtguard.yaml"), yaml + "\n");
        try {
            new ConfigLoader().load(file);
            return true;
        } catch (ServiceException e) {
            return false;
        }
    }

    private static boolean constructs(Runnable construction) {
        try {
            construction.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
