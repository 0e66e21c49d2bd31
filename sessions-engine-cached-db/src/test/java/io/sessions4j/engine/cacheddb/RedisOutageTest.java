package io.sessions4j.engine.cacheddb;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.CountingDataSource;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.TcpProxy;
import io.sessions4j.testkit.TestServices;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Redis going away for real in the middle of a run (its connections cut and new ones refused, by a
 * proxy between the engine and the shared Redis): requests keep working from PostgreSQL, a logout
 * during the outage is not undone when Redis comes back with the old entry, and the cache is used
 * again once it answers.
 */
class RedisOutageTest {
    private final String table = Backends.unique("cdb_outage_");
    private final String prefix = Backends.unique("test:cdboutage:") + ":";
    private TcpProxy proxy;
    private HikariDataSource pool;
    private CountingDataSource counting;
    private StorageSessionEngine engine;

    @BeforeEach
    void start() {
        TestServices.assumePostgres();
        TestServices.assumeRedis();
        URI redis = URI.create(TestServices.redisUrl());
        proxy = new TcpProxy(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
        pool = new HikariDataSource();
        pool.setJdbcUrl(TestServices.postgresUrl());
        pool.setMaximumPoolSize(3);
        counting = new CountingDataSource(pool);
        Map<String, String> props = new HashMap<>(
                Backends.redisOverPostgres(table, prefix, "redis://127.0.0.1:" + proxy.port()));
        props.put("sessions.secret.key", "cached-db-outage");
        engine = CachedDbEngine.create(SessionSettings.of(props), counting.dataSource(), MutableClock.startingNow());
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        Backends.dropTable(table);
        Backends.deleteKeys(prefix);
    }

    private String saved(Map<String, Object> data) {
        SessionStore s = engine.open(null);
        s.putAll(data);
        s.save();
        return s.getSessionKey();
    }

    @Test
    @DisplayName("G5/E5 Redis down: reads, saves, creates and logouts keep working from PostgreSQL; then the cache is used again")
    void requestsSurviveRedisOutage() throws InterruptedException {
        String key = saved(Map.of("user_id", 7));
        String loggedOut = saved(Map.of("user_id", 8));

        proxy.cut();
        SessionStore read = engine.open(key);
        assertThat(read.get("user_id")).isEqualTo(7);
        read.put("cart", 1);
        read.save();
        String created = saved(Map.of("user_id", 9));
        engine.open(loggedOut).flush(); // the row goes; the Redis entry stays behind

        proxy.restore();
        Thread.sleep(CachedDbStorage.RETRY_AFTER_NANOS / 1_000_000 + 100);
        assertThat(engine.open(loggedOut).get("user_id")).as("no resurrection").isNull();
        try (var redis = Backends.redis()) {
            assertThat(redis.exists(prefix + loggedOut)).as("the stale entry was repaired").isFalse();
        }
        assertThat(engine.open(key).get("cart")).isEqualTo(1);
        assertThat(engine.open(created).get("user_id")).isEqualTo(9);

        counting.reset();
        assertThat(engine.open(key).get("cart")).isEqualTo(1);
        assertThat(engine.open(created).get("user_id")).isEqualTo(9);
        assertThat(counting.statements()).as("served from Redis again").isZero();
    }
}
