package io.sessions4j.engine.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisClientConfig;

/**
 * S2 for every topology: Cluster nodes and the Sentinel master use the data-node configuration,
 * the sentinels their own; each verifies host names over TLS. (RedisTlsTest shows, against real
 * servers, that this configuration refuses a wrong-name certificate.)
 */
class RedisClientsTest {
    private static final RedisOptions OPTIONS = new RedisOptions("p:", 1000, 1000, 1, 1000, null, null);

    @Test
    @DisplayName("S2 rediss-cluster:// nodes, the rediss-sentinel:// master and its sentinels verify host names")
    void everyTlsConfigurationVerifiesHostNames() {
        for (String url : new String[] {"rediss://h:1", "rediss-cluster://h:1,h:2", "rediss-sentinel://h:1#m"}) {
            RedisUrl parsed = RedisUrl.parse(url);
            RedisClients.Tls tls = RedisClients.Tls.of(OPTIONS);
            for (JedisClientConfig config : new JedisClientConfig[] {RedisClients.clientConfig(parsed, OPTIONS, tls),
                    RedisClients.sentinelConfig(OPTIONS, tls)}) {
                assertThat(config.isSsl()).as(url).isTrue();
                assertThat(config.getSslParameters().getEndpointIdentificationAlgorithm()).as(url).isEqualTo("HTTPS");
            }
        }
    }

    @Test
    @DisplayName("plain redis:// stays plain")
    void plainStaysPlain() {
        assertThat(RedisClients.clientConfig(RedisUrl.parse("redis://h:1"), OPTIONS, null).isSsl()).isFalse();
    }
}
