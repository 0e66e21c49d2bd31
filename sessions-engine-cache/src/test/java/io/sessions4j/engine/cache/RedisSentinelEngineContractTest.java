package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The contract (A, B, C, E1–E4) through a {@code redis-sentinel://} URL: a master on port 6391
 * and two sentinels on 26391–26392, all started by this test.
 */
class RedisSentinelEngineContractTest extends RedisContract {

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension();

    @Override
    protected String redisUrl() {
        return SENTINEL.url();
    }

    @Test
    @DisplayName("G4 Sentinel: sessions are written to the master the sentinels name, under the prefix")
    void g4_writesGoToTheMaster() {
        String key = saved(Map.of("a", 1));
        try (Jedis master = SENTINEL.master().client()) {
            assertThat(master.exists(prefix + key)).isTrue();
            assertThat(master.pttl(prefix + key)).isPositive();
        }
        assertThat(engine.open(key).get("a")).isEqualTo(1);
    }
}
