package org.virtguard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.logs.parse.YearInference;
import org.virtguard.model.Alert;
import org.virtguard.spi.EndpointResolver;

/**
 * Every log file of the corpus analysed as {@code logs analyze} does (first year from the modification time, the
 * run's clock as reference), on days where the year-less lines would otherwise land in the future: no alert is
 * dated after the run's clock.
 */
class LoghubNoFutureAlertsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-07T21:15:00Z", "2026-06-14T12:00:00Z", "2027-01-01T00:05:00Z", "2026-12-10T08:00:00Z"})
    void noAlertOfAnyCorpusLogIsDatedAfterTheRunsClock(String now) throws IOException {
        Instant clockNow = Instant.parse(now);
        Clock clock = Clock.fixed(clockNow, ZoneOffset.UTC);
        Path corpus = TestEnvironment.requireCorpus("logs");
        List<Path> logs;
        try (Stream<Path> files = Files.walk(corpus)) {
            logs = files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        assertThat(logs).hasSizeGreaterThanOrEqualTo(3);
        DetectorConfig config = DetectorConfig.defaults().withFailures(5);
        int alerts = 0;
        for (Path original : logs) {
            Path copy = dir.resolve(original.getFileName());
            Files.copy(original, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(copy, FileTime.from(clockNow.minusSeconds(600)));
            int firstYear = LogAnalyzer.firstYearOf(copy);
            LogAnalysis analysis = new LogAnalyzer(config, EndpointResolver.none())
                    .analyze(copy, YearInference.startingIn(firstYear, ZoneOffset.UTC, clock));
            for (Alert a : analysis.alerts()) {
                assertThat(a.firstSeen()).as("%s: %s", original.getFileName(), a.title()).isBeforeOrEqualTo(clockNow);
                assertThat(a.lastSeen()).as("%s: %s", original.getFileName(), a.title()).isBeforeOrEqualTo(clockNow);
            }
            alerts += analysis.alerts().size();
        }
        assertThat(alerts).as("alerts raised from the corpus").isGreaterThan(10);
    }
}
