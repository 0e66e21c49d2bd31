package io.sessions4j.engine.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.RealDjango;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONFORMANCE G6 against a real Django ({@code django.contrib.sessions.backends.file}, Debian's
 * python3-django): both share one directory and read, change and keep each other's sessions.
 * Skipped without python3-django, failed then when {@code SESSIONS_TEST_REQUIRE_DJANGO=true} (CI).
 */
class DjangoInteropTest {
    String python;

    @TempDir
    Path temp;
    Path dir;
    Path script;
    StorageSessionEngine engine;

    @BeforeEach
    void start() throws Exception {
        python = RealDjango.python();
        dir = FileEngines.privateDirectory(temp.toRealPath().resolve("sessions"));
        script = temp.resolve("file_sessions.py");
        try (InputStream in = getClass().getResourceAsStream("/django/file_sessions.py")) {
            Files.copy(in, script);
        }
        engine = FileEngines.engine(dir, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    @DisplayName("G6 a session Django wrote is read and saved here, and Django reads the change")
    void g6_djangoWritesJavaReadsAndWritesBack() throws Exception {
        String key = django("create", "{\"from\": \"django\", \"n\": 1}").trim();
        assertThat(dir.resolve("sessionid" + key)).exists();

        SessionStore s = engine.open(key);
        assertThat(s).containsEntry("from", "django").containsEntry("n", 1);
        s.put("java", true);
        s.save();
        assertThat(s.getSessionKey()).isEqualTo(key);

        assertThat(django("read", key).trim()).isEqualTo("{\"from\": \"django\", \"java\": true, \"n\": 1}");
    }

    @Test
    @DisplayName("G6 a session written here is read and changed by Django")
    void g6_javaWritesDjangoReads() throws Exception {
        SessionStore s = engine.open(null);
        s.put("user_id", 42);
        s.put("name", "ünïcödé ✓");
        s.save();
        String key = s.getSessionKey();

        assertThat(django("read", key).trim()).isEqualTo("{\"name\": \"\\u00fcn\\u00efc\\u00f6d\\u00e9 \\u2713\", \"user_id\": 42}");
        django("update", key, "{\"django\": 1}");
        assertThat(engine.open(key)).containsEntry("user_id", 42).containsEntry("django", 1);
    }

    @Test
    @DisplayName("G6 Django's clearsessions and ours keep each other's live sessions and our lock file")
    void g6_bothClearExpiredKeepLiveSessions() throws Exception {
        String djangoKey = django("create", "{\"side\": \"django\"}").trim();
        SessionStore s = engine.open(null);
        s.put("side", "java");
        s.save();

        assertThat(django("clear").trim()).isEqualTo("ok");
        assertThat(engine.clearExpired()).isZero();

        assertThat(engine.open(s.getSessionKey()).get("side")).isEqualTo("java");
        assertThat(engine.open(djangoKey).get("side")).isEqualTo("django");
        assertThat(dir.resolve(DirectoryLock.FILE_NAME)).exists();
    }

    @Test
    @DisplayName("G6 Django's integer set_expiry counts from the file's modification time here (Django ignores it)")
    void g6_djangoIntegerExpiryHonoured() throws Exception {
        String shortKey = django("create", "{\"_session_expiry\": 60, \"a\": 1}").trim();
        String plainKey = django("create", "{\"a\": 2}").trim();
        Instant minuteAgo = Instant.now().minusSeconds(61);
        Files.setLastModifiedTime(dir.resolve("sessionid" + shortKey), FileTime.from(minuteAgo));
        Files.setLastModifiedTime(dir.resolve("sessionid" + plainKey), FileTime.from(minuteAgo));

        assertThat(engine.open(shortKey).get("a")).as("60 s after its last save").isNull();
        assertThat(engine.open(plainKey).get("a")).as("cookie age not reached").isEqualTo(2);
        assertThat(engine.clearExpired()).isEqualTo(1);
        assertThat(dir.resolve("sessionid" + shortKey)).doesNotExist();
    }

    private String django(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python, script.toString(), FileEngines.SECRET,
                dir.toString()));
        command.addAll(List.of(args));
        Result result = run(command);
        assertThat(result.ok()).as("Django failed: %s", result.output()).isTrue();
        return result.output();
    }

    private record Result(boolean ok, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(false, "timed out");
        }
        return new Result(process.exitValue() == 0, new String(output, StandardCharsets.UTF_8));
    }
}
