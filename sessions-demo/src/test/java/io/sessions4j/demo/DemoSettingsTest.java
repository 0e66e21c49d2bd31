package io.sessions4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the demo's settings come from: the embedded default, a file, the environment, the generated secret. */
class DemoSettingsTest {
    @TempDir
    Path temp;

    @Test
    @DisplayName("First run: a secret is generated into the data directory, owner-only; later runs reuse it")
    void secret_generated_once_owner_only() throws IOException {
        Path dataDir = temp.resolve("data");

        SessionSettings first = DemoSettings.resolve(null, dataDir, Map.of());

        Path file = dataDir.resolve(DemoSecret.FILE_NAME);
        String secret = first.get(CoreSettings.SECRET_KEY);
        assertThat(secret).hasSizeGreaterThanOrEqualTo(64).isEqualTo(Files.readString(file).strip());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        try (var leftovers = Files.list(dataDir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        SessionSettings second = DemoSettings.resolve(null, dataDir, Map.of());
        assertThat(second.get(CoreSettings.SECRET_KEY)).isEqualTo(secret);
        assertThat(DemoSecret.loadOrCreate(dataDir).created()).isFalse();
    }

    @Test
    @DisplayName("Two data directories get two different secrets (SecureRandom, not a constant)")
    void secrets_differ() {
        String a = DemoSecret.loadOrCreate(temp.resolve("a")).value();
        String b = DemoSecret.loadOrCreate(temp.resolve("b")).value();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    @DisplayName("SESSIONS_SECRET_KEY in the environment wins: no secret file is written")
    void secret_from_environment() {
        Path dataDir = temp.resolve("data");

        SessionSettings settings = DemoSettings.resolve(null, dataDir,
                Map.of("SESSIONS_SECRET_KEY", "from-env", "SESSIONS_ENGINE", "memory"));

        assertThat(settings.get(CoreSettings.SECRET_KEY)).isEqualTo("from-env");
        assertThat(settings.get(CoreSettings.ENGINE)).isEqualTo("memory");
        assertThat(dataDir.resolve(DemoSecret.FILE_NAME)).doesNotExist();
    }

    @Test
    @DisplayName("--config FILE: its engine and secret are used, nothing is written to the data directory")
    void config_file() throws IOException {
        Path config = Files.writeString(temp.resolve("memory.properties"),
                "sessions.engine=memory\nsessions.secret.key=file-secret\nsessions.cookie.age=600\n");
        Path dataDir = temp.resolve("data");

        SessionSettings settings = DemoSettings.resolve(config, dataDir, Map.of("SESSIONS_COOKIE_AGE", "900"));

        assertThat(settings.get(CoreSettings.ENGINE)).isEqualTo("memory");
        assertThat(settings.get(CoreSettings.SECRET_KEY)).isEqualTo("file-secret");
        assertThat(settings.get(CoreSettings.COOKIE_AGE)).as("the environment overrides the file").isEqualTo(900);
        assertThat(dataDir).doesNotExist();
    }

    @Test
    @DisplayName("--config FILE without a secret: the generated one is used")
    void config_file_without_secret() throws IOException {
        Path config = Files.writeString(temp.resolve("memory.properties"), "sessions.engine=memory\n");

        SessionSettings settings = DemoSettings.resolve(config, temp.resolve("data"), Map.of());

        assertThat(settings.get(CoreSettings.SECRET_KEY))
                .isEqualTo(DemoSecret.loadOrCreate(temp.resolve("data")).value());
    }

    @Test
    @DisplayName("A bad key in the file fails at start-up, naming it")
    void config_file_with_unknown_key() throws IOException {
        Path config = Files.writeString(temp.resolve("bad.properties"),
                "sessions.engine=memory\nsessions.secret.key=s\nsessions.cookie.colour=blue\n");

        assertThatThrownBy(() -> DemoSettings.resolve(config, temp.resolve("data"), Map.of()))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cookie.colour");
    }

    @Test
    @DisplayName("A missing config file fails with its path")
    void config_file_missing() {
        Path missing = temp.resolve("missing.properties");

        assertThatThrownBy(() -> DemoSettings.resolve(missing, temp.resolve("data"), Map.of()))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("missing.properties");
    }

    @Test
    @DisplayName("Default: the db engine on an H2 file inside the data directory")
    void default_is_db_on_h2_in_data_dir() {
        assumeTrue(SessionEngines.providers().stream().anyMatch(p -> p.name().equals("db")),
                "sessions-engine-db is not on the class path");
        Path dataDir = temp.resolve("data");

        SessionSettings settings = DemoSettings.resolve(null, dataDir, Map.of());

        assertThat(settings.get(CoreSettings.ENGINE)).isEqualTo("db");
        assertThat(settings.get(CoreSettings.CLEAR_EXPIRED_INTERVAL)).isEqualTo(java.time.Duration.ofHours(1));
        Setting<?> url = settings.known().stream().filter(s -> s.key().equals(DemoSettings.DB_URL_KEY)).findFirst().orElseThrow();
        assertThat(String.valueOf(settings.get(url)))
                .isEqualTo("jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("sessions"));
    }
}
