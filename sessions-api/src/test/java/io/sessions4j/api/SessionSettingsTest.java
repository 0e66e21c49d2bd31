package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionSettingsTest {
    private static final Map<String, String> SECRET = Map.of("sessions.secret.key", "s3cret");

    @Test
    @DisplayName("H1 every core key has a documented default")
    void h1_defaults() {
        SessionSettings s = SessionSettings.of(SECRET);
        assertThat(s.get(CoreSettings.ENGINE)).isEqualTo("db");
        assertThat(s.get(CoreSettings.COOKIE_NAME)).isEqualTo("sessionid");
        assertThat(s.get(CoreSettings.COOKIE_AGE)).isEqualTo(1209600);
        assertThat(s.get(CoreSettings.COOKIE_DOMAIN)).isNull();
        assertThat(s.get(CoreSettings.COOKIE_PATH)).isEqualTo("/");
        assertThat(s.get(CoreSettings.COOKIE_SECURE)).isFalse();
        assertThat(s.get(CoreSettings.COOKIE_HTTPONLY)).isTrue();
        assertThat(s.get(CoreSettings.COOKIE_SAMESITE)).isEqualTo("Lax");
        assertThat(s.get(CoreSettings.SAVE_EVERY_REQUEST)).isFalse();
        assertThat(s.get(CoreSettings.EXPIRE_AT_BROWSER_CLOSE)).isFalse();
        assertThat(s.get(CoreSettings.SERIALIZER)).isEqualTo("json");
        assertThat(s.get(CoreSettings.SECRET_KEY_FALLBACKS)).isEmpty();
        assertThat(s.get(CoreSettings.MAX_DECOMPRESSED_BYTES)).isEqualTo(1 << 20);
        for (Setting<?> setting : CoreSettings.ALL) {
            assertThat(setting.description()).as(setting.key()).isNotBlank();
        }
    }

    @Test
    @DisplayName("H1 an unknown key fails at load time naming it")
    void h1_unknownKey() {
        assertThatThrownBy(() -> SessionSettings.of(Map.of("sessions.secret.key", "x", "sessions.cookie.agee", "5")))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cookie.agee")
                .hasMessageContaining("sessions.cookie.age");
    }

    @Test
    @DisplayName("H1 a bad value fails naming key, value and what is allowed")
    void h1_badValues() {
        assertThatThrownBy(() -> SessionSettings.of(Map.of("sessions.secret.key", "x", "sessions.cookie.age", "two weeks")))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cookie.age").hasMessageContaining("two weeks")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> SessionSettings.of(Map.of("sessions.secret.key", "x", "sessions.cookie.samesite", "lox")))
                .hasMessageContaining("sessions.cookie.samesite").hasMessageContaining("lox")
                .hasMessageContaining("Lax, Strict, None");
        assertThatThrownBy(() -> SessionSettings.of(Map.of("sessions.secret.key", "x", "sessions.cookie.secure", "yes")))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> SessionSettings.of(Map.of("sessions.secret.key", "x", "sessions.cookie.path", "app")))
                .hasMessageContaining("sessions.cookie.path");
        assertThatThrownBy(() -> SessionSettings.of(Map.of("sessions.secret.key", "x", "sessions.cookie.name", "a b")))
                .hasMessageContaining("sessions.cookie.name");
        assertThatThrownBy(() -> SessionSettings.of(Map.of("sessions.secret.key", "x", "sessions.cookie.age", "0")))
                .hasMessageContaining("from 1 to");
    }

    @Test
    @DisplayName("H1 the secret key is required")
    void h1_secretRequired() {
        assertThatThrownBy(() -> SessionSettings.of(Map.of()))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.secret.key").hasMessageContaining("SESSIONS_SECRET_KEY");
    }

    @Test
    @DisplayName("H1 values parse to their types; samesite is case-insensitive")
    void h1_typedValues() {
        SessionSettings s = SessionSettings.of(Map.of("sessions.secret.key", "x", "sessions.cookie.samesite", "strict",
                "sessions.secret.key.fallbacks", "old1, old2,,", "sessions.cookie.secure", "TRUE"));
        assertThat(s.get(CoreSettings.COOKIE_SAMESITE)).isEqualTo("Strict");
        assertThat(s.get(CoreSettings.SECRET_KEY_FALLBACKS)).containsExactly("old1", "old2");
        assertThat(s.get(CoreSettings.COOKIE_SECURE)).isTrue();
        assertThat(Setting.duration("sessions.x", null, "d").parse("PT6H")).isEqualTo(Duration.ofHours(6));
    }

    @Test
    @DisplayName("H1 environment variables override the file; ${VAR} and ${VAR:default} placeholders resolve")
    void h1_environment() {
        Map<String, String> env = Map.of("SESSIONS_COOKIE_AGE", "60", "MY_SECRET", "from-env");
        SessionSettings s = SessionSettings.from(Map.of("sessions.secret.key", "${MY_SECRET}",
                "sessions.cookie.age", "3600", "sessions.cookie.domain", "${DOMAIN:example.com}",
                "unrelated.key", "ignored"), env);
        assertThat(s.get(CoreSettings.COOKIE_AGE)).isEqualTo(60);
        assertThat(s.get(CoreSettings.SECRET_KEY)).isEqualTo("from-env");
        assertThat(s.get(CoreSettings.COOKIE_DOMAIN)).isEqualTo("example.com");
        assertThatThrownBy(() -> SessionSettings.from(Map.of("sessions.secret.key", "${NOPE}"), Map.of()))
                .hasMessageContaining("NOPE").hasMessageContaining("sessions.secret.key");
        assertThatThrownBy(() -> SessionSettings.from(Map.of("sessions.secret.key", "x"),
                Map.of("SESSIONS_COOKIE_HTTPONLY", "maybe")))
                .hasMessageContaining("sessions.cookie.httponly").hasMessageContaining("maybe");
    }

    @Test
    @DisplayName("H1 settings load from a properties file; a missing file names its path")
    void h1_fromFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sessions.properties");
        Files.writeString(file, "sessions.secret.key=abc\nsessions.cookie.name=sid\n");
        SessionSettings s = SessionSettings.fromFile(file);
        assertThat(s.get(CoreSettings.COOKIE_NAME)).isEqualTo("sid");
        assertThat(s.toString()).doesNotContain("abc");
        assertThatThrownBy(() -> SessionSettings.fromFile(dir.resolve("missing.properties")))
                .isInstanceOf(SessionConfigurationException.class).hasMessageContaining("missing.properties");
    }

    @Test
    @DisplayName("H2 an unknown engine lists what is available")
    void h2_unknownEngine() {
        SessionSettings s = SessionSettings.of(Map.of("sessions.secret.key", "x", "sessions.engine", "mongo"));
        assertThatThrownBy(() -> SessionEngines.load(s))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("mongo").hasMessageContaining("Available engines");
    }

    @Test
    @DisplayName("H1 with(...) derives settings and validates again")
    void with() {
        SessionSettings s = SessionSettings.of(SECRET).with("sessions.cookie.age", "5");
        assertThat(s.get(CoreSettings.COOKIE_AGE)).isEqualTo(5);
        assertThat(s.known()).extracting(Setting::key).contains("sessions.cookie.age");
        assertThatThrownBy(() -> s.with("sessions.cookie.age", "-1")).isInstanceOf(SessionConfigurationException.class);
        assertThat(List.of(s.explicit().keySet().toArray())).contains("sessions.cookie.age");
    }

    @Test
    @DisplayName("toString never shows secrets, passwords or credentials inside URLs")
    void toStringMasksCredentials() {
        SessionSettings s = SessionSettings.of(Map.of("sessions.secret.key", "topsecret",
                "sessions.serializer", "redis://user:hunter2@host:6379/0"));
        assertThat(s.toString()).doesNotContain("topsecret").doesNotContain("hunter2").contains("redis://****@host");
    }

    @Test
    @DisplayName("H1 error messages never repeat a password or URL credentials")
    void h1_messagesMaskSecrets() {
        Setting<Integer> port = Setting.integer("sessions.x.password", 1, 1, 2, "d");
        assertThatThrownBy(() -> port.parse("hunter2")).hasMessageContaining("****").hasMessageNotContaining("hunter2");
        Setting<Integer> url = Setting.integer("sessions.x.url", 1, 1, 2, "d");
        assertThatThrownBy(() -> url.parse("redis://u:hunter2@h")).hasMessageNotContaining("hunter2");
    }

    @Test
    @DisplayName("defaults of the caller's own fill only what the properties and the environment left unset or blank")
    void callerDefaultsBeneathPropertiesAndEnvironment() {
        Map<String, Map<String, String>> seen = new java.util.HashMap<>();
        SessionSettings s = SessionSettings.from(Map.of("sessions.cookie.age", "60", "sessions.secret.key", " "),
                Map.of("SESSIONS_COOKIE_NAME", "from_env"), explicit -> {
                    seen.put("explicit", explicit);
                    return Map.of("sessions.cookie.age", "1", "sessions.cookie.name", "default_name",
                            "sessions.cookie.path", "/app", "sessions.secret.key", "generated");
                });

        assertThat(seen.get("explicit")).containsEntry("sessions.cookie.name", "from_env")
                .containsEntry("sessions.cookie.age", "60");
        assertThat(s.get(CoreSettings.COOKIE_AGE)).isEqualTo(60);
        assertThat(s.get(CoreSettings.COOKIE_NAME)).isEqualTo("from_env");
        assertThat(s.get(CoreSettings.COOKIE_PATH)).isEqualTo("/app");
        assertThat(s.get(CoreSettings.SECRET_KEY)).isEqualTo("generated");
    }

    @Test
    @DisplayName("read gives a file's keys as written; a missing file is a configuration error naming it")
    void readFile(@TempDir Path dir) throws java.io.IOException {
        Path file = Files.writeString(dir.resolve("s.properties"), "sessions.cookie.age=${AGE:60}\nother=1\n");

        assertThat(SessionSettings.read(file)).containsExactlyInAnyOrderEntriesOf(
                Map.of("sessions.cookie.age", "${AGE:60}", "other", "1"));
        assertThatThrownBy(() -> SessionSettings.read(dir.resolve("missing.properties")))
                .isInstanceOf(SessionConfigurationException.class).hasMessageContaining("missing.properties");
    }
}
