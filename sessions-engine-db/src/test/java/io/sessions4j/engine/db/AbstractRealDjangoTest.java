package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.RealDjango;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONFORMANCE G2 against a real Django (Debian's python3-django) on the same database server: Django
 * creates {@code django_session} with its own migrations, then each side reads, changes and clears the
 * other's sessions, given the same secret. Each test works in a schema (or database) of its own, dropped
 * afterwards. One subclass per server.
 */
abstract class AbstractRealDjangoTest {
    private static final String SECRET = "real-django-secret-0123456789-abcdefghij";

    @TempDir
    Path temp;
    private String python;
    private Path script;
    /** The schema (PostgreSQL) or database (MariaDB) this test works in. */
    protected String schema;
    private StorageSessionEngine engine;

    /** The server; its test is skipped (or fails in CI) when it is down. */
    protected abstract TestDatabase database();

    /** The Python module Django's backend for this server needs. */
    protected abstract String driverModule();

    /** Creates {@link #schema} on the server. */
    protected abstract void createSchema();

    /** Drops {@link #schema}. */
    protected abstract void dropSchema();

    /** The engine's JDBC URL for {@link #schema}. */
    protected abstract String schemaUrl();

    /** How Django reaches {@link #schema}: {@code DJANGO_DB_BACKEND}, {@code DB_*} for db_sessions.py. */
    protected abstract Map<String, String> djangoEnvironment();

    @BeforeEach
    void start() throws IOException, InterruptedException {
        database().assumeUp();
        python = RealDjango.python(driverModule());
        script = temp.resolve("db_sessions.py");
        try (InputStream in = getClass().getResourceAsStream("/django/db_sessions.py")) {
            Files.copy(in, script);
        }
        schema = TestDatabase.uniqueName("s4j_realdjango");
        createSchema();
        django("migrate");
        engine = DbEngine.create(SessionSettings.of(Map.of(
                "sessions.secret.key", SECRET,
                "sessions.db.url", schemaUrl(),
                "sessions.db.table", "django_session")), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (schema != null) {
            dropSchema();
        }
    }

    /** The user named in the URL's {@code user=} parameter, or {@code fallback}. */
    protected static String userOf(URI uri, String fallback) {
        if (uri.getQuery() != null) {
            for (String parameter : uri.getQuery().split("&")) {
                if (parameter.startsWith("user=")) {
                    return parameter.substring("user=".length());
                }
            }
        }
        return fallback;
    }

    @Test
    @DisplayName("G2 a session Django wrote is read and saved here, and Django reads the change")
    void g2_djangoWritesJavaReadsAndWritesBack() throws Exception {
        String key = django("create", "{\"from\": \"django\", \"n\": 1}").trim();
        SessionStore s = engine.open(key);
        assertThat(s).containsEntry("from", "django").containsEntry("n", 1);
        s.put("java", true);
        s.save();
        assertThat(s.getSessionKey()).isEqualTo(key);
        assertThat(django("read", key).trim()).isEqualTo("{\"from\": \"django\", \"java\": true, \"n\": 1}");
    }

    @Test
    @DisplayName("G2 a session written here (with its own expiry in seconds) is read and changed by Django")
    void g2_javaWritesDjangoReadsAndWritesBack() throws Exception {
        SessionStore s = engine.open(null);
        s.put("user_id", 42);
        s.put("name", "ünïcödé ✓ 用户");
        // Seconds, not a date: Debian's Django 3.2 reads a date expiry only as a datetime object (pickle
        // era); the ISO-8601 string this library writes is the form of newer Django releases.
        s.setExpiry(3600);
        s.save();
        String key = s.getSessionKey();
        String read = django("read", key).trim();
        assertThat(read).contains("\"user_id\": 42").contains("\"name\": \"ünïcödé ✓ 用户\"")
                .contains("\"_session_expiry\": 3600");
        django("update", key, "{\"cart\": [1, 2]}");
        assertThat(engine.open(key)).containsEntry("user_id", 42).containsEntry("cart", List.of(1, 2));
    }

    @Test
    @DisplayName("G2/C8 expired sessions: neither side loads them, and each side's clearExpired removes the other's")
    void g2_expiryAndClearing() throws Exception {
        String djangoExpired = django("expired", "{\"old\": true}").trim();
        assertThat(engine.open(djangoExpired).get("old")).isNull();
        assertThat(engine.clearExpired()).isEqualTo(1);

        SessionStore javaExpired = engine.open(null);
        javaExpired.put("old", true);
        javaExpired.setExpiry(java.time.Duration.ofSeconds(-10));
        javaExpired.save();
        assertThat(django("read", javaExpired.getSessionKey()).trim()).isEqualTo("{}");
        django("clear");
        assertThat(engine.count()).contains(new io.sessions4j.api.SessionCounts(0, 0));
    }

    private String django(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString(), SECRET));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(djangoEnvironment());
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("django finished").isTrue();
        assertThat(process.exitValue()).as("django %s: %s", args[0], out).isZero();
        return out;
    }
}
