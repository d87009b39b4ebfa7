package org.virtguard.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

import org.virtguard.logs.detect.AlertListener;
import org.virtguard.logs.detect.AuthDetector;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.logs.intake.IntakeStats;
import org.virtguard.logs.intake.LogFileImporter;
import org.virtguard.logs.intake.LogPipeline;
import org.virtguard.logs.parse.SyslogHeaderParser;
import org.virtguard.logs.parse.SyslogRecord;
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
     * The year of a file's first RFC 3164 line, judged from the file's modification time: the latest year that
     * does not put that line after the file was last written (a log begun on 10 December and copied on 7 December
     * of the next year starts in the year before). The year of the modification time when no line has a year-less
     * header among the first 200.
     */
    public static int firstYearOf(Path file) throws IOException {
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        SyslogHeaderParser header = new SyslogHeaderParser(YearInference.live(Clock.fixed(modified, ZoneOffset.UTC), ZoneOffset.UTC));
        SyslogRecord record = new SyslogRecord();
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
            for (String line : head.split("\n", 200)) {
                if (yearLess(line) && header.parse(line, record) == SyslogHeaderParser.Result.OK) {
                    return Instant.ofEpochMilli(record.time()).atOffset(ZoneOffset.UTC).getYear();
                }
            }
        }
        return modified.atOffset(ZoneOffset.UTC).getYear();
    }

    private static boolean yearLess(String line) {
        int i = line.startsWith("<") ? line.indexOf('>') + 1 : 0;
        return i >= 0 && line.length() >= i + 3 && Character.isLetter(line.charAt(i));
    }

    private LogPipeline pipeline(YearInference years) {
        return new LogPipeline(years, new AuthDetector(config, resolver, AlertListener.none()), new IntakeStats());
    }

    private static LogAnalysis result(LogPipeline pipeline) {
        return new LogAnalysis(pipeline.detector().alerts(), pipeline.stats().snapshot());
    }
}
