package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.Setting;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.engine.cache.ehcache.EhcacheSessionCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H1/H2 for the cache engine: discovery by name, defaults, and start-up errors for bad settings. */
class CacheEngineProviderTest {
    private static final String SECRET = "provider-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private static SessionSettings settings(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("sessions.secret.key", SECRET);
        props.put("sessions.engine", "cache");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return SessionSettings.of(props);
    }

    @Test
    @DisplayName("H2 sessions.engine=cache is found through ServiceLoader; Ehcache is the default backend")
    void h2_foundByName() {
        try (SessionEngine engine = SessionEngines.load(settings(), Clock.systemUTC())) {
            assertThat(engine.name()).isEqualTo("cache");
            assertThat(((StorageSessionEngine) engine).storage()).isInstanceOf(CacheSessionStorage.class);
            assertThat(((CacheSessionStorage) ((StorageSessionEngine) engine).storage()).cache())
                    .isInstanceOf(EhcacheSessionCache.class);
            assertThat(engine.needsClearExpired()).isFalse();
        }
    }

    @Test
    @DisplayName("H1 every sessions.cache.* key is declared with a documented default or 'unset'")
    void h1_settingsDeclared() {
        assertThat(new CacheEngineProvider().settings()).extracting(Setting::key).containsExactly(
                "sessions.cache.backend", "sessions.cache.url", "sessions.cache.max_entries", "sessions.cache.disk_path",
                "sessions.cache.disk_size_mb", "sessions.cache.key_prefix", "sessions.cache.pool.max",
                "sessions.cache.pool.max_wait", "sessions.cache.connect_timeout", "sessions.cache.read_timeout",
                "sessions.cache.sentinel_password", "sessions.cache.tls.ca_file");
        assertThat(new CacheEngineProvider().settings()).allSatisfy(s -> assertThat(s.description()).isNotBlank());
        SessionSettings defaults = settings();
        assertThat(defaults.get(CacheSettings.BACKEND)).isEqualTo("ehcache");
        assertThat(defaults.get(CacheSettings.MAX_ENTRIES)).isEqualTo(10000);
        assertThat(defaults.get(CacheSettings.KEY_PREFIX)).isEqualTo("sessions4j:");
        assertThat(defaults.get(CacheSettings.URL)).isNull();
    }

    @Test
    @DisplayName("G4 an empty key prefix is rejected at load time (CVE-2011-4136), naming the key")
    void g4_emptyPrefixRejected() {
        assertThatThrownBy(() -> settings("sessions.cache.key_prefix", ""))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cache.key_prefix")
                .hasMessageContaining("CVE-2011-4136");
        assertThatThrownBy(() -> settings("sessions.cache.key_prefix", "my prefix"))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cache.key_prefix");
    }

    @Test
    @DisplayName("H1 an unknown backend fails naming the key and the choices")
    void h1_unknownBackend() {
        assertThatThrownBy(() -> settings("sessions.cache.backend", "memcached"))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cache.backend")
                .hasMessageContaining("ehcache, redis");
    }

    @Test
    @DisplayName("H1 the redis backend without a URL, or with a bad one, fails at start-up naming sessions.cache.url")
    void h1_redisUrlRequiredAndValidated() {
        assertThatThrownBy(() -> new CacheEngineProvider().create(settings("sessions.cache.backend", "redis"),
                Clock.systemUTC()))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cache.url is required");
        assertThatThrownBy(() -> new CacheEngineProvider().create(settings("sessions.cache.backend", "redis",
                "sessions.cache.url", "redis://u:pw@h1,h2"), Clock.systemUTC()))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cache.url")
                .hasMessageNotContaining(":pw@");
    }

    @Test
    @DisplayName("H1 an unusable disk path fails at start-up naming sessions.cache.disk_path")
    void h1_badDiskPath(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> new CacheEngineProvider().create(settings("sessions.cache.disk_path", file.toString()),
                Clock.systemUTC()))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cache.disk_path")
                .hasMessageContaining(file.toString());
    }

    @Test
    @DisplayName("H1 out-of-range numbers fail naming the key")
    void h1_badNumbers() {
        assertThatThrownBy(() -> settings("sessions.cache.max_entries", "0"))
                .hasMessageContaining("sessions.cache.max_entries");
        assertThatThrownBy(() -> settings("sessions.cache.read_timeout", "soon"))
                .hasMessageContaining("sessions.cache.read_timeout");
    }
}
