package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** The contract (A, B, C, E1–E4) on a three-master Redis Cluster this test starts (ports 7101–7103). */
class RedisClusterEngineContractTest extends RedisContract {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @Override
    protected String redisUrl() {
        return CLUSTER.url();
    }

    @Test
    @DisplayName("G4 Cluster: sessions spread over every master, each under the prefix, each readable back")
    void g4_sessionsSpreadOverTheCluster() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            keys.add(saved(Map.of("i", i)));
        }
        int total = 0;
        for (RedisServer node : CLUSTER.nodes()) {
            try (Jedis jedis = node.client()) {
                List<String> here = RedisKeys.keys(jedis, prefix);
                assertThat(here).as("keys on node %d", node.port()).isNotEmpty().allMatch(k -> k.startsWith(prefix));
                total += here.size();
            }
        }
        assertThat(total).isGreaterThanOrEqualTo(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            SessionStore s = engine.open(keys.get(i));
            assertThat(s.get("i")).isEqualTo(i);
        }
    }
}
