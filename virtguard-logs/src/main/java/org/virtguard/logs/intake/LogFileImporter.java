package org.virtguard.logs.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a log file (or any stream) line by line into a {@link LogPipeline} with one reused buffer: lines longer
 * than the limit are skipped and counted, never buffered whole.
 */
public final class LogFileImporter {

    /** Default longest line kept: 64 KiB. */
    public static final int DEFAULT_MAX_LINE = 64 * 1024;

    private final LogPipeline pipeline;
    private final int maxLine;

    public LogFileImporter(LogPipeline pipeline, int maxLine) {
        if (maxLine < 256) {
            throw new IllegalArgumentException("maxLine must be at least 256 bytes: " + maxLine);
        }
        this.pipeline = pipeline;
        this.maxLine = maxLine;
    }

    /** Imports a file. */
    public void importFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            importStream(in);
        } catch (IOException e) {
            throw new IOException("cannot read log file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Imports a stream to its end (the caller closes it). */
    public void importStream(InputStream in) throws IOException {
        byte[] buf = new byte[Math.max(maxLine, 8192) + 1];
        int start = 0;
        int end = 0;
        boolean discarding = false;
        while (true) {
            if (end == buf.length) {
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                } else {
                    if (!discarding) {
                        pipeline.stats().increment(IntakeCounter.LINES);
                        pipeline.stats().increment(IntakeCounter.TOO_LONG);
                    }
                    discarding = true;
                    end = 0;
                }
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                break;
            }
            int scanFrom = end;
            end += n;
            for (int i = scanFrom; i < end; i++) {
                if (buf[i] == '\n') {
                    if (discarding) {
                        discarding = false;
                    } else if (i - start > maxLine) {
                        pipeline.stats().increment(IntakeCounter.LINES);
                        pipeline.stats().increment(IntakeCounter.TOO_LONG);
                    } else {
                        pipeline.accept(buf, start, i - start);
                    }
                    start = i + 1;
                }
            }
            if (start == end) {
                start = end = 0;
            }
        }
        if (end > start && !discarding) {
            if (end - start > maxLine) {
                pipeline.stats().increment(IntakeCounter.LINES);
                pipeline.stats().increment(IntakeCounter.TOO_LONG);
            } else {
                pipeline.accept(buf, start, end - start);
            }
        }
    }
}
