package org.virtguard.service.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that hands its events to the current {@link LogEngine}; its level follows the configuration. */
final class VirtGuardLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private transient volatile int generation = -1;
    private transient volatile LogLevel level = LogLevel.WARN;

    VirtGuardLogger(String name) {
        this.name = name;
    }

    private LogLevel level() {
        int now = LogEngine.generation();
        if (generation != now) {
            level = LogEngine.current().levelOf(name);
            generation = now;
        }
        return level;
    }

    @Override
    public boolean isTraceEnabled() {
        return level().allows(LogLevel.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return level().allows(LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return level().allows(LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return level().allows(LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return level().allows(LogLevel.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level slf4jLevel, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        LogLevel eventLevel = LogLevel.valueOf(slf4jLevel.name());
        LogLevel mine = level();
        if (!mine.allows(eventLevel)) {
            return;
        }
        String message = arguments == null || arguments.length == 0 ? pattern
                : MessageFormatter.basicArrayFormat(pattern, arguments);
        LogEngine.current().log(name, mine, eventLevel, message, throwable);
    }
}
