package io.sessions4j.spring.boot;

import io.sessions4j.testkit.TestServices;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/** The cache engine on the real Redis, under a key prefix of this test's own; Redis keeps sessions over the restart. */
class RedisFlowTest extends SpringSecurityFlowTest {

    @BeforeAll
    void requireRedis() {
        TestServices.assumeRedis();
    }

    @Override
    protected Map<String, String> storageProperties() {
        return Map.of("sessions.engine", "cache", "sessions.cache.backend", "redis",
                "sessions.cache.url", TestServices.redisUrl(),
                "sessions.cache.key_prefix", "boot-flow-" + Long.toString(System.nanoTime(), 36) + ":");
    }
}
