package org.virtguard.service.logging;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * VirtGuard's SLF4J backend, found by SLF4J through {@code META-INF/services}: every library's log goes through it.
 * Until {@link #configure} is called (by {@code serve} from the {@code logging:} section) it writes text to standard
 * error at the level of the system property {@value #LEVEL_PROPERTY} (default {@code warn}).
 *
 * <p>Each event is one line (text, or one JSON object) with the error code of its exception; stack traces only
 * for loggers at debug or trace; identical warnings and errors repeated within the window are counted and summed up
 * in one line; known secrets are masked.
 */
public final class VirtGuardLogging implements SLF4JServiceProvider {

    /** System property with the level used before the configuration is read. */
    public static final String LEVEL_PROPERTY = "virtguard.log.level";

    private final LoggerFactory loggers = new LoggerFactory();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    /** Applies {@code settings} to every logger, existing and future. */
    public static void configure(LogSettings settings) {
        LogEngine.configure(settings, Clock.systemUTC());
    }

    /** Writes now the counts of identical warnings and errors held back so far. */
    public static void flushRepeats() {
        LogEngine.current().flush(true);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to read: the defaults apply until configure()
    }

    /** One logger per name. */
    private static final class LoggerFactory implements ILoggerFactory {
        private final ConcurrentMap<String, Logger> byName = new ConcurrentHashMap<>();

        @Override
        public Logger getLogger(String name) {
            return byName.computeIfAbsent(name, VirtGuardLogger::new);
        }
    }
}
