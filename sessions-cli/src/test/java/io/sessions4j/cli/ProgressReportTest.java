package io.sessions4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The running count of {@code clearsessions}, driven by a fake time source. */
@DisplayName("clearsessions progress")
class ProgressReportTest {
    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private ProgressReport report(boolean terminal) {
        return new ProgressReport(err, terminal, nanos::get, "expired sessions removed");
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    @DisplayName("a short run prints nothing, on a terminal or not")
    void shortRunIsSilent() {
        for (boolean terminal : new boolean[] {true, false}) {
            ProgressReport report = report(terminal);
            report.accept(5000);
            advanceMillis(100);
            report.accept(10000);
            report.finish();
        }
        assertThat(text.toString()).isEmpty();
    }

    @Test
    @DisplayName("not a terminal: plain lines, at most one per second")
    void plainLinesAtMostOncePerSecond() {
        ProgressReport report = report(false);
        for (int batch = 1; batch <= 30; batch++) {
            advanceMillis(100); // a batch every 100 ms for 3 s
            report.accept(batch * 5000L);
        }
        report.finish();

        assertThat(text.toString().lines()).containsExactly(
                "50000 expired sessions removed so far...",
                "100000 expired sessions removed so far...",
                "150000 expired sessions removed so far...");
        assertThat(text.toString()).doesNotContain("\r");
    }

    @Test
    @DisplayName("terminal: one line rewritten in place with \\r a few times a second, erased at the end")
    void terminalRewritesOneLine() {
        ProgressReport report = report(true);
        for (int batch = 1; batch <= 10; batch++) {
            advanceMillis(100);
            report.accept(batch * 5000L);
        }
        String during = text.toString();
        report.finish();

        assertThat(during).doesNotContain("\n")
                .isEqualTo("\r10000 expired sessions removed so far..."
                        + "\r20000 expired sessions removed so far..."
                        + "\r30000 expired sessions removed so far..."
                        + "\r40000 expired sessions removed so far..."
                        + "\r50000 expired sessions removed so far...");
        assertThat(text.toString()).endsWith("\r" + " ".repeat("50000 expired sessions removed so far...".length()) + "\r");
    }

    @Test
    @DisplayName("terminal: a shorter count pads over the longer one it replaces")
    void terminalPadsShorterLines() {
        ProgressReport report = report(true);
        advanceMillis(300);
        report.accept(100000);
        advanceMillis(300);
        report.accept(5); // counts only grow in practice; the padding must not depend on it
        assertThat(text.toString()).endsWith("\r5 expired sessions removed so far...     ");
    }
}
