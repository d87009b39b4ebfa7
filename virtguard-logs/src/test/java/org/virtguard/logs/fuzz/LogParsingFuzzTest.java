package org.virtguard.logs.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.ZoneOffset;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.virtguard.logs.detect.AlertListener;
import org.virtguard.logs.detect.AuthDetector;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.logs.intake.IntakeCounter;
import org.virtguard.logs.intake.IntakeStats;
import org.virtguard.logs.intake.LogFileImporter;
import org.virtguard.logs.intake.LogPipeline;
import org.virtguard.logs.intake.SyslogFrameDecoder;
import org.virtguard.logs.parse.AuthEvent;
import org.virtguard.logs.parse.AuthLineParser;
import org.virtguard.logs.parse.YearInference;
import org.virtguard.spi.EndpointResolver;

/**
 * Arbitrary bytes through the line parser, the file importer with the detectors, and the syslog frame decoder:
 * nothing may throw, every line is counted, and every frame fits the limit. Without {@code JAZZER_FUZZ=1} the
 * seed inputs in {@code LogParsingFuzzTestInputs} run as plain tests.
 */
class LogParsingFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parseLine(byte[] input) {
        AuthLineParser parser = new AuthLineParser(YearInference.startingIn(2020, ZoneOffset.UTC));
        AuthEvent e = parser.parse(new String(input, java.nio.charset.StandardCharsets.UTF_8));
        if (e != null) {
            assertThat(e.attempts()).isPositive();
            assertThat(parser.lastStatus()).isEqualTo(AuthLineParser.Status.AUTH_EVENT);
            if (e.user() != null) {
                assertThat(e.user().length()).isLessThanOrEqualTo(256);
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void importAndDetect(byte[] input) throws Exception {
        IntakeStats stats = new IntakeStats();
        LogPipeline pipeline = new LogPipeline(YearInference.startingIn(2020, ZoneOffset.UTC),
                new AuthDetector(DetectorConfig.defaults(), EndpointResolver.none(), AlertListener.none()), stats);
        new LogFileImporter(pipeline, 256).importStream(new ByteArrayInputStream(input));
        long accounted = stats.get(IntakeCounter.AUTH_EVENTS) + stats.get(IntakeCounter.IGNORED)
                + stats.get(IntakeCounter.BAD_HEADER) + stats.get(IntakeCounter.BAD_TIMESTAMP)
                + stats.get(IntakeCounter.BINARY) + stats.get(IntakeCounter.TOO_LONG);
        assertThat(accounted).isEqualTo(stats.get(IntakeCounter.LINES));
        assertThat(pipeline.detector().alerts()).allSatisfy(a -> assertThat(a.evidence()).hasSizeLessThanOrEqualTo(10));
    }

    @FuzzTest(maxDuration = "30s")
    void decodeFrames(byte[] input) {
        IntakeStats stats = new IntakeStats();
        int[] frames = {0};
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(128, stats, (buf, off, len) -> {
            assertThat(len).isBetween(1, 128);
            frames[0]++;
        });
        int half = input.length / 2;
        decoder.feed(input, 0, half);
        decoder.feed(input, half, input.length - half);
        decoder.finish();
        assertThat(frames[0]).isLessThanOrEqualTo(input.length);
    }
}
