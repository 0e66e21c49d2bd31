package io.sessions4j.testlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** S1's net: what the capture recognises as a leak, at every level, and what it leaves alone. */
class LogCaptureTest {
    private static final String TEST_SECRET = "testlog-secret-0123456789";
    private static final Logger OURS = LoggerFactory.getLogger("io.sessions4j.testlog.Probe");

    @Test
    @DisplayName("S1 the provider in force is the capturing one (the parent POM selects it)")
    void providerInForce() {
        assertThat(LoggerFactory.getLogger("io.sessions4j.x")).isInstanceOf(CapturingLogger.class);
    }

    @Test
    @DisplayName("S1 a session key logged at TRACE by a library logger is caught, though slf4j-simple prints only warn")
    void keyAtTraceIsCaught() {
        OURS.trace("session {} loaded", "abcdefghijklmnopqrstuvwxyz012345");
        List<String> leaks = LogCapture.takeLeaks();
        assertThat(leaks).singleElement().asString().startsWith("a session key")
                .doesNotContain("abcdefghijklmnopqrstuvwxyz012345");
    }

    @Test
    @DisplayName("S1 signed values, encrypted cookies and registered secrets are caught, also inside a throwable")
    void otherShapesAreCaught() {
        OURS.debug("cookie eyJhIjoxfQ:1tXgZz:" + "A".repeat(43));
        OURS.info("cookie !1.QUJDREVGR0hJSktMTU5PUFFSU1RVVg");
        OURS.warn("failed", new IllegalStateException("bad secret " + TEST_SECRET));
        assertThat(LogCapture.takeLeaks()).hasSize(3).allSatisfy(l -> assertThat(l).doesNotContain(TEST_SECRET));
    }

    @Test
    @DisplayName("S1 hex digests, UUIDs, abbreviated keys and ordinary text are not leaks")
    void harmlessLinesPass() {
        OURS.error("script sha1 {} uuid {} session abcd… of {}", "0123456789abcdef0123456789abcdef01234567",
                "0123456789abcdef0123456789abcdef", "a-directory-name-with-dashes-in-it");
        assertThat(LogCapture.takeLeaks()).isEmpty();
    }

    @Test
    @DisplayName("a recording keeps every line while it is open")
    void recording() {
        try (LogCapture.Recording log = LogCapture.record()) {
            OURS.debug("one {}", 1);
            LoggerFactory.getLogger("org.example.Other").warn("two");
            assertThat(log.lines()).containsExactly("DEBUG io.sessions4j.testlog.Probe: one 1", "WARN org.example.Other: two");
        }
    }
}
