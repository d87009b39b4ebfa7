package org.virtguard.logs.intake;

import java.util.Objects;

import org.virtguard.logs.detect.AuthDetector;
import org.virtguard.logs.parse.AuthEvent;
import org.virtguard.logs.parse.AuthLineParser;
import org.virtguard.logs.parse.YearInference;

/**
 * One line in, counted, parsed and fed to the detector. Thread-safe: the receiver threads share one pipeline
 * and take turns; the detector's state is not duplicated.
 */
public final class LogPipeline {

    private final AuthLineParser parser;
    private final AuthDetector detector;
    private final IntakeStats stats;
    private final LineDecoder decoder;

    public LogPipeline(YearInference years, AuthDetector detector, IntakeStats stats) {
        this.parser = new AuthLineParser(Objects.requireNonNull(years, "years"));
        this.detector = Objects.requireNonNull(detector, "detector");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.decoder = new LineDecoder();
    }

    /** Feeds one line (or syslog frame) as raw bytes. */
    public void accept(byte[] buf, int off, int len) {
        accept(buf, off, len, stats);
    }

    /**
     * Feeds one line (or syslog frame) as raw bytes, counting it in {@code counted}: a listener's own counters,
     * which roll up into {@link #stats()} (see {@link IntakeStats#IntakeStats(IntakeStats)}).
     */
    public synchronized void accept(byte[] buf, int off, int len, IntakeStats counted) {
        counted.increment(IntakeCounter.LINES);
        String line = decoder.decode(buf, off, len, counted);
        if (line != null) {
            parseAndDetect(line, counted);
        }
    }

    /** Feeds one line of text. */
    public synchronized void accept(String line) {
        stats.increment(IntakeCounter.LINES);
        parseAndDetect(line, stats);
    }

    /**
     * Feeds an event that arrived already structured, e.g. from the vSphere event feed through
     * {@link org.virtguard.logs.parse.VcenterParser#fromEvent}.
     */
    public synchronized void accept(AuthEvent event) {
        stats.increment(IntakeCounter.AUTH_EVENTS);
        detector.accept(event);
    }

    private void parseAndDetect(String line, IntakeStats stats) {
        AuthEvent event = parser.parse(line);
        if (event != null) {
            stats.increment(IntakeCounter.AUTH_EVENTS);
            detector.accept(event);
            return;
        }
        switch (parser.lastStatus()) {
            case BAD_HEADER -> stats.increment(IntakeCounter.BAD_HEADER);
            case BAD_TIMESTAMP -> stats.increment(IntakeCounter.BAD_TIMESTAMP);
            default -> stats.increment(IntakeCounter.IGNORED);
        }
    }

    public AuthDetector detector() {
        return detector;
    }

    public IntakeStats stats() {
        return stats;
    }
}
