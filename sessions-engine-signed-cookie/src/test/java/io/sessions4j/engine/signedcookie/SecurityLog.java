package io.sessions4j.engine.signedcookie;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures what slf4j-simple prints (it writes to whatever {@code System.err} is at the time), keeping
 * the lines of the security logger. Tests run one at a time in this module, so swapping the stream is safe.
 */
final class SecurityLog implements AutoCloseable {
    static final String LOGGER = "io.sessions4j.security.SuspiciousSession";

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    SecurityLog() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    /** The security logger's lines so far. */
    List<String> lines() {
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(LOGGER)).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
        System.err.print(captured.toString(StandardCharsets.UTF_8)); // keep the output visible in reports
    }
}
