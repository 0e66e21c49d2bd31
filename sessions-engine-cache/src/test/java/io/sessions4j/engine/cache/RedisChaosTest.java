package io.sessions4j.engine.cache;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.OutageScenario;
import io.sessions4j.testkit.TcpProxy;
import io.sessions4j.testkit.TestServices;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * The chaos scenario ({@link OutageScenario}: 64 writers on one session, a Redis outage in the middle) on the
 * cache engine over the shared Redis, reached through a {@link TcpProxy} that the test cuts (connections
 * closed, new ones refused) or hangs (connections open, nothing answered). Timeouts are short, as an
 * operator would set them, so the scenario takes seconds; the figures go to the test log and
 * {@code docs/reliability.md}. The {@code @Timeout} only guards against a hang.
 */
class RedisChaosTest {
    private final String prefix = RedisKeys.uniquePrefix(RedisChaosTest.class);
    private TcpProxy proxy;
    private SessionEngine engine;

    @BeforeEach
    void start() {
        TestServices.assumeRedis();
        URI redis = URI.create(TestServices.redisUrl());
        proxy = new TcpProxy(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
        Map<String, String> props = new HashMap<>();
        props.put("sessions.secret.key", "chaos-secret-0123456789-abcdefghijklmnopqrstuvwxyz");
        props.put("sessions.engine", "cache");
        props.put("sessions.cache.backend", "redis");
        props.put("sessions.cache.url", "redis://127.0.0.1:" + proxy.port());
        props.put("sessions.cache.key_prefix", prefix);
        props.put("sessions.cache.pool.max", "16");
        props.put("sessions.cache.pool.max_wait", "1000");
        props.put("sessions.cache.connect_timeout", "500");
        props.put("sessions.cache.read_timeout", "500");
        engine = new CacheEngineProvider().create(SessionSettings.of(props), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        try (Jedis jedis = RedisKeys.client(TestServices.redisUrl())) {
            RedisKeys.deleteAll(jedis, prefix);
        }
    }

    @Test
    @Timeout(120)
    @DisplayName("E5 Redis cut mid-run: 0 confirmed writes lost, only SessionStorageException, recovery without restart, no resurrection")
    void redisCut() throws Exception {
        new OutageScenario("cache(redis) cut", engine, OutageScenario.Outage.of(proxy::cut, proxy::restore)).check();
    }

    @Test
    @Timeout(120)
    @DisplayName("E7 Redis hangs mid-run: waits end at the read timeout with SessionStorageException, 0 confirmed writes lost, no resurrection")
    void redisHang() throws Exception {
        new OutageScenario("cache(redis) hang", engine, OutageScenario.Outage.of(proxy::hang, proxy::resume)).check();
    }
}
