package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The contract (A, B, C, E1–E4) on the shared Redis (standalone), under a key prefix of its own. */
class RedisEngineContractTest extends RedisContract {

    @Override
    protected String redisUrl() {
        return TestServices.redisUrl();
    }

    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        TestServices.assumeRedis();
        return super.createEngine(settings, clock);
    }

    @Test
    @DisplayName("G4 every key the engine wrote is under the prefix")
    void g4_keysAreUnderThePrefix() {
        String key = saved(Map.of("a", 1));
        try (Jedis jedis = RedisKeys.client(redisUrl())) {
            assertThat(jedis.exists(prefix + key)).isTrue();
            assertThat(jedis.exists(key)).isFalse();
            assertThat(RedisKeys.keys(jedis, prefix)).allMatch(k -> k.startsWith(prefix)).contains(prefix + key);
        }
    }

    @Test
    @DisplayName("issue #20: a read takes the value as the bytes Redis holds; a save compares against it, a stale one never wins")
    void readAsBytesComparesAsWritten() {
        String key = saved(Map.of("name", "用户 ✓"));
        SessionStorage storage = ((StorageSessionEngine) engine).storage();
        Instant now = clock.instant();
        SessionStorage.Stored loaded = storage.load(key, now).orElseThrow();
        assertThat(loaded.bytes()).as("read as bytes").isNotNull();
        try (Jedis jedis = RedisKeys.client(redisUrl())) {
            assertThat(loaded.data()).isEqualTo(jedis.get(prefix + key));
        }
        String next = ((StorageSessionEngine) engine).context().codec().encode(Map.of("name", "next"), now.plusSeconds(1));
        assertThat(storage.replace(key, loaded, next, now.plusSeconds(600))).isPresent();
        assertThat(storage.replace(key, loaded, loaded.data(), now.plusSeconds(600))).as("stale").isEmpty();
        assertThat(engine.open(key).get("name")).isEqualTo("next");
    }

    @Test
    @DisplayName("issue #20: tampered, foreign, non-ASCII or invalid UTF-8 values read as an empty session, never as an error")
    void badValuesReadEmpty() {
        String key = saved(Map.of("user", "u1"));
        try (Jedis jedis = RedisKeys.client(redisUrl())) {
            String good = jedis.get(prefix + key);
            int colon = good.lastIndexOf(':');
            for (String bad : List.of("é" + good, good.substring(0, colon + 1) + "é".repeat(43),
                    good.substring(0, colon + 1) + (good.charAt(colon + 1) == 'A' ? 'B' : 'A') + good.substring(colon + 2),
                    "not signed at all", "")) {
                jedis.set(prefix + key, bad);
                SessionStore read = engine.open(key);
                assertThat(read.get("user")).as(bad).isNull();
                assertThat(read.getSessionKey()).as("a key whose data fails is never adopted").isNull();
            }
            byte[] invalidUtf8 = good.getBytes(StandardCharsets.UTF_8);
            invalidUtf8[3] = (byte) 0xff;
            jedis.set((prefix + key).getBytes(StandardCharsets.UTF_8), invalidUtf8);
            assertThat(engine.open(key).get("user")).isNull();
            jedis.set(prefix + key, good);
            assertThat(engine.open(key).get("user")).isEqualTo("u1");
        }
    }

    @AfterAll
    void deleteKeys() {
        try (Jedis jedis = RedisKeys.client(redisUrl())) {
            RedisKeys.deleteAll(jedis, prefix);
        } catch (RuntimeException e) {
            // Redis is not there (the class was skipped): nothing to clean.
        }
    }
}
