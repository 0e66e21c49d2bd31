package io.sessions4j.spring.boot;

import io.sessions4j.testkit.TestServices;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The cache engine on the real Redis, under a key prefix of this test's own; Redis keeps sessions over the restart. */
class RedisFlowTest extends SpringSecurityFlowTest {

    @BeforeAll
    void requireRedis() {
        TestServices.assumeRedis();
    }

    private final String prefix = "boot-flow-" + Long.toString(System.nanoTime(), 36) + ":";

    @Override
    protected Map<String, String> storageProperties() {
        return Map.of("sessions.engine", "cache", "sessions.cache.backend", "redis",
                "sessions.cache.url", TestServices.redisUrl(), "sessions.cache.key_prefix", prefix);
    }

    /** The shared Redis keeps what the flows leave (remember-me sessions live two weeks): remove this test's keys. */
    @AfterAll
    void deleteKeys() {
        try (JedisPooled redis = new JedisPooled(URI.create(TestServices.redisUrl()))) {
            ScanParams match = new ScanParams().match(prefix + "*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, match);
                page.getResult().forEach(redis::del);
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }
}
