package org.virtguard.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Objects;

import org.virtguard.logs.detect.AlertListener;
import org.virtguard.logs.detect.AuthDetector;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.logs.intake.IntakeStats;
import org.virtguard.logs.intake.LogFileImporter;
import org.virtguard.logs.intake.LogPipeline;
import org.virtguard.logs.parse.YearInference;
import org.virtguard.spi.EndpointResolver;

/** Offline analysis of management-plane log files: the entry point for {@code virtguard logs analyze}. */
public final class LogAnalyzer {

    private final DetectorConfig config;
    private final EndpointResolver resolver;

    public LogAnalyzer(DetectorConfig config, EndpointResolver resolver) {
        this.config = Objects.requireNonNull(config, "config");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Analyzes one file; year-less (RFC 3164) timestamps start in the year {@code years} gives. */
    public LogAnalysis analyze(Path file, YearInference years) throws IOException {
        LogPipeline pipeline = pipeline(years);
        new LogFileImporter(pipeline, LogFileImporter.DEFAULT_MAX_LINE).importFile(file);
        return result(pipeline);
    }

    /** Analyzes a stream (e.g. standard input) to its end. */
    public LogAnalysis analyze(InputStream in, YearInference years) throws IOException {
        LogPipeline pipeline = pipeline(years);
        new LogFileImporter(pipeline, LogFileImporter.DEFAULT_MAX_LINE).importStream(in);
        return result(pipeline);
    }

    /**
     * The year of a file's first RFC 3164 line, judged from the file's modification time: the same year, or the
     * year before when the first line's month lies after the modification month (a log begun in December and
     * last written in January).
     */
    public static int firstYearOf(Path file) throws IOException {
        java.time.OffsetDateTime modified = Files.getLastModifiedTime(file).toInstant().atOffset(ZoneOffset.UTC);
        int firstMonth = -1;
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
            for (String line : head.split("\n", 200)) {
                int i = line.startsWith("<") ? line.indexOf('>') + 1 : 0;
                firstMonth = i >= 0 && line.length() >= i + 3 ? MONTHS.indexOf(line.substring(i, i + 3)) : -1;
                if (firstMonth >= 0 && firstMonth % 3 == 0) {
                    firstMonth = firstMonth / 3 + 1;
                    break;
                }
                firstMonth = -1;
            }
        }
        return firstMonth > modified.getMonthValue() ? modified.getYear() - 1 : modified.getYear();
    }

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private LogPipeline pipeline(YearInference years) {
        return new LogPipeline(years, new AuthDetector(config, resolver, AlertListener.none()), new IntakeStats());
    }

    private static LogAnalysis result(LogPipeline pipeline) {
        return new LogAnalysis(pipeline.detector().alerts(), pipeline.stats().snapshot());
    }
}
