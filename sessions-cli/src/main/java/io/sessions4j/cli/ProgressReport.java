package io.sessions4j.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The running count of a long {@code clearsessions}, on stderr. On a terminal one line is rewritten in
 * place ({@code \r}) a few times a second and erased at the end; otherwise (cron, pipes, log files)
 * plain lines, at most one a second. A short run prints nothing, so cron mails stay quiet.
 */
final class ProgressReport implements LongConsumer {
    static final long TERMINAL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final long PLAIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final String what;
    private long lastShown;
    private int shownWidth;

    /**
     * @param terminal rewrite one line in place instead of printing lines
     * @param nanoTime the time source ({@link System#nanoTime()}; tests pass their own)
     * @param what     what is counted, e.g. "expired sessions removed"
     */
    ProgressReport(PrintWriter err, boolean terminal, LongSupplier nanoTime, String what) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.what = what;
        this.lastShown = nanoTime.getAsLong(); // nothing before the first interval: short runs stay silent
    }

    /** A report for this process: in-place when it runs on a terminal. */
    static ProgressReport forThisProcess(PrintWriter err, String what) {
        return new ProgressReport(err, isTerminal(), System::nanoTime, what);
    }

    @Override
    public void accept(long count) {
        long now = nanoTime.getAsLong();
        if (now - lastShown < (terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS)) {
            return;
        }
        lastShown = now;
        String line = count + " " + what + " so far...";
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
            shownWidth = Math.max(shownWidth, line.length());
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Erases the in-place line, so that the final result starts on a clean line. */
    void finish() {
        if (terminal && shownWidth > 0) {
            err.print("\r" + " ".repeat(shownWidth) + "\r");
            err.flush();
            shownWidth = 0;
        }
    }

    /**
     * Whether this process talks to a terminal. {@link System#console()} is null when stdin or stdout is
     * redirected up to Java 21; from Java 22 it may exist anyway, and {@code Console.isTerminal()} tells.
     */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17-21: a console exists only on a terminal
        }
    }
}
