package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.TestServices;
import java.time.Clock;
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

    @AfterAll
    void deleteKeys() {
        try (Jedis jedis = RedisKeys.client(redisUrl())) {
            RedisKeys.deleteAll(jedis, prefix);
        } catch (RuntimeException e) {
            // Redis is not there (the class was skipped): nothing to clean.
        }
    }
}
