package org.virtguard.service.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place every log event goes through: the level check, the error code and one-line error, the stack trace
 * only at debug, the limit on identical warnings and errors, secret masking, and the output. Replaced as a whole by
 * {@link #configure}. Thread-safe.
 */
final class LogEngine {

    private static final int MAX_CAUSES = 8;
    private static final int MAX_MESSAGE_CHARS = 16_384;
    private static final AtomicInteger GENERATION = new AtomicInteger();
    private static volatile LogEngine current = new LogEngine(LogSettings.standardError(
            LogLevel.parse(System.getProperty(VirtGuardLogging.LEVEL_PROPERTY, "warn"))), Clock.systemUTC());

    private final LogSettings settings;
    private final RepeatLimiter repeats;
    private final LogOutput output;
    private final Clock clock;

    private LogEngine(LogSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.repeats = new RepeatLimiter(settings.repeatWindow());
        this.output = settings.file() == null ? LogOutput.standardError()
                : LogOutput.rotatingFile(settings.file(), settings.maxFileBytes(), settings.maxFiles());
    }

    static LogEngine current() {
        return current;
    }

    /** Changes the generation number loggers compare to know their cached level is stale. */
    static int generation() {
        return GENERATION.get();
    }

    /** Switches every logger to {@code settings}; what the previous engine held back is summed up first. */
    static synchronized void configure(LogSettings settings, Clock clock) {
        LogEngine before = current;
        before.flush(true);
        current = new LogEngine(settings, clock);
        GENERATION.incrementAndGet();
        before.output.close();
        RepeatFlusher.ensureStarted();
    }

    LogSettings settings() {
        return settings;
    }

    LogLevel levelOf(String logger) {
        return settings.levelOf(logger);
    }

    /** Writes one event logged at {@code level} by a logger whose level is {@code loggerLevel}. */
    void log(String logger, LogLevel loggerLevel, LogLevel level, String message, Throwable error) {
        String text = message == null ? "" : message.length() > MAX_MESSAGE_CHARS
                ? message.substring(0, MAX_MESSAGE_CHARS) + "… (cut)" : message;
        String code = error == null ? null : codeOf(error);
        if (code == null && level == LogLevel.ERROR) {
            code = "INTERNAL";
        }
        String stack = error != null && loggerLevel.ordinal() <= LogLevel.DEBUG.ordinal() ? stackOf(error) : null;
        LogEvent event = new LogEvent(clock.instant(), level, logger, Thread.currentThread().getName(), text, code,
                error == null ? null : oneLine(error), stack, 0);
        for (LogEvent e : repeats.offer(event)) {
            write(e);
        }
        RepeatFlusher.ensureStarted();
    }

    /** Writes the summaries of held-back repeats whose window ended (all of them with {@code all}). */
    void flush(boolean all) {
        for (LogEvent e : repeats.expire(clock.instant(), all)) {
            write(e);
        }
    }

    Instant now() {
        return clock.instant();
    }

    private void write(LogEvent event) {
        String line = SecretMask.mask(LineFormat.render(event, settings.json()));
        synchronized (this) {
            output.write(line);
        }
    }

    /** {@code Class: message; caused by Class: message …}, at most a few causes. */
    static String oneLine(Throwable error) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_CAUSES; t = t.getCause() == t ? null : t.getCause()) {
            if (depth > 0) {
                b.append("; caused by ");
            }
            b.append(t.getClass().getName());
            if (t.getMessage() != null) {
                b.append(": ").append(t.getMessage());
            }
            depth++;
        }
        return b.toString();
    }

    /** The error code an exception in the chain carries (a public {@code code()} returning an enum or text). */
    static String codeOf(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_CAUSES; t = t.getCause() == t ? null : t.getCause()) {
            depth++;
            try {
                Method code = t.getClass().getMethod("code");
                if (code.getParameterCount() == 0 && (code.getReturnType().isEnum()
                        || code.getReturnType() == String.class)) {
                    Object value = code.invoke(t);
                    if (value != null) {
                        return value.toString();
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // no code here: look at the cause
            }
        }
        return null;
    }

    private static String stackOf(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Writes the summaries of held-back repeats once a second. */
    private static final class RepeatFlusher {
        private static volatile boolean started;

        static void ensureStarted() {
            if (started) {
                return;
            }
            synchronized (RepeatFlusher.class) {
                if (started) {
                    return;
                }
                started = true;
                Thread thread = new Thread(RepeatFlusher::run, "virtguard-log-repeats");
                thread.setDaemon(true);
                thread.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> current.flush(true), "virtguard-log-flush"));
            }
        }

        private static void run() {
            while (true) {
                try {
                    Thread.sleep(1_000);
                    current.flush(false);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a failing output must not stop the flusher; the next second tries again
                }
            }
        }
    }

    /** For the tests: the repeats of this engine as they stand. */
    List<LogEvent> pendingSummaries() {
        return repeats.expire(clock.instant(), true);
    }
}
