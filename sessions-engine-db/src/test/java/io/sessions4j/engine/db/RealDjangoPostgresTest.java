package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.RealDjango;
import io.sessions4j.testkit.TestServices;
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
 * CONFORMANCE G2 against a real Django (Debian's python3-django with psycopg2) on the same
 * PostgreSQL: Django creates {@code django_session} with its own migrations, then each side reads,
 * changes and clears the other's sessions, given the same secret. Each test works in a schema of
 * its own, dropped afterwards.
 */
class RealDjangoPostgresTest {
    private static final String SECRET = "real-django-secret-0123456789-abcdefghij";

    @TempDir
    Path temp;
    private String python;
    private Path script;
    private String schema;
    private StorageSessionEngine engine;

    @BeforeEach
    void start() throws IOException, InterruptedException {
        TestServices.assumePostgres();
        python = RealDjango.python("psycopg2");
        script = temp.resolve("db_sessions.py");
        try (InputStream in = getClass().getResourceAsStream("/django/db_sessions.py")) {
            Files.copy(in, script);
        }
        schema = TestDatabase.uniqueName("s4j_realdjango");
        TestDatabase.POSTGRES.execute("CREATE SCHEMA \"" + schema + "\"");
        django("migrate");
        engine = DbEngine.create(SessionSettings.of(Map.of(
                "sessions.secret.key", SECRET,
                "sessions.db.url", TestDatabase.POSTGRES.urlWith("currentSchema=" + schema),
                "sessions.db.table", "django_session")), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (schema != null) {
            TestDatabase.POSTGRES.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
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
        URI pg = URI.create(TestServices.postgresUrl().substring("jdbc:".length()));
        String user = "postgres";
        if (pg.getQuery() != null) {
            for (String parameter : pg.getQuery().split("&")) {
                if (parameter.startsWith("user=")) {
                    user = parameter.substring("user=".length());
                }
            }
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString(), SECRET));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGHOST", pg.getHost());
        builder.environment().put("PGPORT", Integer.toString(pg.getPort() < 0 ? 5432 : pg.getPort()));
        builder.environment().put("PGDATABASE", pg.getPath().substring(1));
        builder.environment().put("PGUSER", user);
        builder.environment().put("PGSCHEMA", schema);
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("django finished").isTrue();
        assertThat(process.exitValue()).as("django %s: %s", args[0], out).isZero();
        return out;
    }
}
