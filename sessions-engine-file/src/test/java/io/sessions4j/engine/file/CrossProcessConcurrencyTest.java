package io.sessions4j.engine.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONFORMANCE E3 across processes: this JVM and a second one ({@link SessionHammer}) save distinct
 * keys into the same sessions at the same time; the lock file makes their compare-and-set
 * exclusive, so no save is lost.
 */
class CrossProcessConcurrencyTest {
    static final int SAVES = 150;

    @TempDir
    Path temp;

    @Test
    @DisplayName("E3 two JVMs saving distinct keys into one session: every key survives")
    void e3_noLostUpdatesAcrossProcesses() throws Exception {
        hammerFromTwoProcesses(1, 2);
    }

    @Test
    @DisplayName("E3 two JVMs, two threads each on two sessions: no lost update, no false deadlock error")
    void e3_twoSessionsAcrossProcesses() throws Exception {
        // Each process holds one session's lock while waiting for the other's: the kernel sees a
        // cycle between the two processes (POSIX locks belong to processes, not threads) and may
        // refuse a wait with EDEADLK, which the engine must ride out.
        hammerFromTwoProcesses(2, 4);
    }

    private void hammerFromTwoProcesses(int sessions, int threads) throws Exception {
        Path dir = temp.toRealPath();
        try (StorageSessionEngine engine = FileEngines.engine(dir, Clock.systemUTC())) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                SessionStore s = engine.open(null);
                s.put("base", i);
                s.save();
                keys.add(s.getSessionKey());
            }
            Path stderr = temp.resolve("child.err");
            Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SessionHammer.class.getName(),
                    dir.toString(), String.join(",", keys), "child", Integer.toString(threads), Integer.toString(SAVES))
                    .redirectError(stderr.toFile())
                    .start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).as("child started; stderr: %s", read(stderr)).isEqualTo("ready");
                try (Writer in = new OutputStreamWriter(other.getOutputStream(), StandardCharsets.UTF_8)) {
                    in.write("go\n");
                }
                SessionHammer.hammer(engine, keys, "parent", threads, SAVES);
                assertThat(other.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
                assertThat(other.exitValue()).as("child exit status; stderr: %s", read(stderr)).isZero();
                assertThat(out.readLine()).isEqualTo("done");
            } finally {
                other.destroyForcibly();
            }

            List<String> missing = new ArrayList<>();
            for (int k = 0; k < sessions; k++) {
                SessionStore after = engine.open(keys.get(k));
                int expected = 1;
                for (String prefix : List.of("parent", "child")) {
                    for (int t = k; t < threads; t += sessions) {
                        for (int i = 0; i < SAVES; i++) {
                            expected++;
                            if (!Integer.valueOf(i).equals(after.get(prefix + t + "-" + i))) {
                                missing.add(k + ":" + prefix + t + "-" + i);
                            }
                        }
                    }
                }
                assertThat(after).containsEntry("base", k).hasSize(expected);
            }
            assertThat(missing).as("lost updates").isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
