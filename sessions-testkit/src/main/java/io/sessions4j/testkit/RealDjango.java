package io.sessions4j.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Django for interop tests (Debian's {@code python3-django}). The interpreter is
 * {@code SESSIONS_TEST_PYTHON}, else the first of {@code /usr/bin/python3} and {@code python3} that
 * can import Django (a pyenv {@code python3} on the PATH usually cannot). Missing: the test skips,
 * or fails when {@code SESSIONS_TEST_REQUIRE_DJANGO=true} (CI installs it).
 */
public final class RealDjango {
    private RealDjango() {
    }

    /**
     * The Python interpreter that imports Django and every module in {@code modules} (e.g.
     * {@code psycopg2}); skips or fails the calling test when there is none.
     */
    public static String python(String... modules) {
        StringBuilder imports = new StringBuilder("import django");
        for (String module : modules) {
            imports.append(", ").append(module);
        }
        Optional<String> python = find(imports.toString());
        String message = "no python3 that can '" + imports + "' (apt-get install python3-django"
                + (modules.length > 0 ? " and python3-" + String.join(" python3-", modules) : "")
                + ", or set SESSIONS_TEST_PYTHON)";
        if (Boolean.parseBoolean(System.getenv("SESSIONS_TEST_REQUIRE_DJANGO"))) {
            Assertions.assertTrue(python.isPresent(), message + " and SESSIONS_TEST_REQUIRE_DJANGO=true");
        } else {
            Assumptions.assumeTrue(python.isPresent(), message + "; skipping");
        }
        return python.get();
    }

    private static Optional<String> find(String imports) {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("SESSIONS_TEST_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        for (String candidate : candidates) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", imports).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(candidate);
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // not installed under this name: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
