package io.sessions4j.testlog;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Hands each line to {@link LogCapture}, then to slf4j-simple when it prints that level. */
final class CapturingLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;
    private static final String OURS = "io.sessions4j";

    private final transient Logger printer;
    private final boolean everyLevel;

    CapturingLogger(String name, Logger printer) {
        this.name = name;
        this.printer = printer;
        this.everyLevel = name.startsWith(OURS);
    }

    private boolean enabled(Level level) {
        return everyLevel || printer.isEnabledForLevel(level);
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        LogCapture.capture(level, name, message, throwable);
        if (printer.isEnabledForLevel(level)) {
            Object[] all = arguments == null ? new Object[0] : arguments;
            if (throwable != null) {
                all = Arrays.copyOf(all, all.length + 1);
                all[all.length - 1] = throwable;
            }
            printer.atLevel(level).log(pattern, all);
        }
    }
}
