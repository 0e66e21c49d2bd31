package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.Setting;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H1/H2 for the db engine: its keys, their defaults and validation, and its registration as the default engine. */
@DisplayName("db engine: settings and provider")
class DbSettingsTest {
    private static SessionSettings settings(Map<String, String> props) {
        Map<String, String> all = new java.util.HashMap<>(props);
        all.put("sessions.secret.key", "settings-secret-0123456789");
        return SessionSettings.of(all);
    }

    @Test
    @DisplayName("H1 every db key has its documented default")
    void h1_defaults() {
        SessionSettings s = settings(Map.of());
        assertThat(s.get(DbSettings.URL)).isEqualTo("jdbc:h2:file:./data/sessions");
        assertThat(s.get(DbSettings.USER)).isNull();
        assertThat(s.get(DbSettings.PASSWORD)).isNull();
        assertThat(s.get(DbSettings.TABLE)).isEqualTo("sessions_session");
        assertThat(s.get(DbSettings.POOL_MAX)).isEqualTo(10);
        // Unset: the wait for a pooled connection follows sessions.db.timeout (5 s).
        assertThat(s.get(DbSettings.POOL_CONNECTION_TIMEOUT)).isNull();
        assertThat(DbOptions.from(s).connectionTimeoutMillis()).isEqualTo(5_000);
        assertThat(s.get(DbSettings.TIMEOUT)).isEqualTo(5);
        assertThat(DbOptions.from(s).timeoutSeconds()).isEqualTo(5);
        assertThat(s.get(DbSettings.MIGRATE)).isTrue();
        assertThat(s.get(DbSettings.CLEAR_BATCH_SIZE)).isEqualTo(5000);
        assertThat(DbSettings.ALL).extracting(Setting::key).containsExactly("sessions.db.url", "sessions.db.user",
                "sessions.db.password", "sessions.db.table", "sessions.db.pool.max",
                "sessions.db.pool.connection_timeout", "sessions.db.migrate", "sessions.db.clear_batch_size",
                "sessions.db.timeout");
        assertThat(DbSettings.ALL).allSatisfy(setting -> assertThat(setting.description()).isNotBlank());
    }

    @Test
    @DisplayName("H1 the table name must be a plain identifier: SQL injection through it fails at load time")
    void h1_tableNameIsValidated() {
        assertThat(settings(Map.of("sessions.db.table", "django_session")).get(DbSettings.TABLE)).isEqualTo("django_session");
        assertThat(settings(Map.of("sessions.db.table", "_Sessions2")).get(DbSettings.TABLE)).isEqualTo("_Sessions2");
        for (String bad : new String[] {"sessions; DROP TABLE users", "x\" OR \"1\"=\"1", "a-b", "1sessions", "public.sessions",
                "", " sessions", "sessions--", "s".repeat(41), "sessiøns"}) {
            assertThatThrownBy(() -> settings(Map.of("sessions.db.table", bad)))
                    .as("table name %s", bad)
                    .isInstanceOf(SessionConfigurationException.class)
                    .hasMessageContaining("sessions.db.table")
                    .hasMessageContaining("plain SQL identifier");
        }
    }

    @Test
    @DisplayName("H1 numbers and booleans out of range fail at load time naming the key")
    void h1_badValues() {
        assertThatThrownBy(() -> settings(Map.of("sessions.db.pool.max", "0"))).hasMessageContaining("sessions.db.pool.max");
        assertThatThrownBy(() -> settings(Map.of("sessions.db.clear_batch_size", "lots"))).hasMessageContaining("sessions.db.clear_batch_size");
        assertThatThrownBy(() -> settings(Map.of("sessions.db.pool.connection_timeout", "10"))).hasMessageContaining("250");
        assertThatThrownBy(() -> settings(Map.of("sessions.db.migrate", "yes"))).hasMessageContaining("true or false");
        assertThatThrownBy(() -> settings(Map.of("sessions.db.timeout", "0"))).hasMessageContaining("sessions.db.timeout")
                .hasMessageContaining("1 to 600");
        assertThat(DbOptions.from(settings(Map.of("sessions.db.timeout", "2", "sessions.db.pool.connection_timeout", "7000"))))
                .extracting(DbOptions::timeoutSeconds, DbOptions::connectionTimeoutMillis).containsExactly(2, 7000);
        assertThat(DbOptions.from(settings(Map.of("sessions.db.timeout", "2"))).connectionTimeoutMillis()).isEqualTo(2000);
        assertThatThrownBy(() -> settings(Map.of("sessions.db.tabel", "x"))).hasMessageContaining("Unknown setting sessions.db.tabel");
    }

    @Test
    @DisplayName("H2 'db' is found by ServiceLoader and is the default engine")
    void h2_providerIsRegisteredAndDefault() {
        assertThat(CoreSettings.ENGINE.defaultValue()).isEqualTo("db");
        assertThat(SessionEngines.provider("db")).isInstanceOf(DbEngineProvider.class);
        assertThat(SessionEngines.provider(DbEngineProvider.class.getName())).isInstanceOf(DbEngineProvider.class);
        assertThat(new DbEngineProvider().settings()).isEqualTo(DbSettings.ALL);
    }

    @Test
    @DisplayName("H2 SessionEngines.load with only a secret and a file URL gives a working db engine (embedded H2, no setup)")
    void h2_loadsThroughSessionEngines(@TempDir Path dir) {
        try (SessionEngine engine = SessionEngines.load(settings(Map.of(
                "sessions.db.url", "jdbc:h2:file:" + dir.resolve("data/sessions").toAbsolutePath())))) {
            assertThat(engine.name()).isEqualTo("db");
            SessionStore s = engine.open(null);
            s.put("hello", "world");
            s.save();
            assertThat(engine.open(s.getSessionKey()).get("hello")).isEqualTo("world");
        }
        assertThat(dir.resolve("data/sessions.mv.db")).exists();
    }

    @Test
    @DisplayName("H1 the password never shows in the settings' text")
    void passwordIsMasked() {
        assertThat(settings(Map.of("sessions.db.password", "hunter2")).toString()).doesNotContain("hunter2");
        assertThat(DbOptions.from(settings(Map.of("sessions.db.password", "hunter2",
                "sessions.db.url", "jdbc:postgresql://db/app?password=hunter2"))).toString()).doesNotContain("hunter2");
    }
}
