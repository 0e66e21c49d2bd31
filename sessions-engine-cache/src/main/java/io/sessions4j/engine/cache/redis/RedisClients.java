package io.sessions4j.engine.cache.redis;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Picks the Jedis entry class from the URL form, once: {@link JedisPooled} for one server,
 * {@link JedisSentineled} for Sentinel, {@link JedisCluster} for Cluster. All three are
 * {@link UnifiedJedis}, which is all the rest of the backend speaks.
 */
final class RedisClients {
    /** How many times a Cluster command follows redirections or retries a failed node. */
    private static final int CLUSTER_MAX_ATTEMPTS = 3;

    private RedisClients() {
    }

    static UnifiedJedis open(RedisUrl url, RedisOptions options) {
        JedisClientConfig nodeConfig = clientConfig(url, options);
        GenericObjectPoolConfig<Connection> pool = poolConfig(options);
        return switch (url.topology()) {
            case STANDALONE -> new JedisPooled(hostAndPort(url.nodes().get(0)), nodeConfig, pool);
            case SENTINEL -> new JedisSentineled(url.master(), nodeConfig, pool, hostsAndPorts(url),
                    sentinelConfig(url, options));
            // The whole command, redirections included, must end within about one timeout: no hang when nodes die.
            case CLUSTER -> new JedisCluster(hostsAndPorts(url), nodeConfig, CLUSTER_MAX_ATTEMPTS,
                    Duration.ofMillis((long) options.connectTimeoutMs() + options.readTimeoutMs()), pool);
        };
    }

    private static JedisClientConfig clientConfig(RedisUrl url, RedisOptions options) {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(options.connectTimeoutMs())
                .socketTimeoutMillis(options.readTimeoutMs())
                .user(url.user())
                .password(url.password())
                .database(url.database())
                .ssl(url.tls())
                .clientName("sessions4j")
                .build();
    }

    private static JedisClientConfig sentinelConfig(RedisUrl url, RedisOptions options) {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(options.connectTimeoutMs())
                .socketTimeoutMillis(options.readTimeoutMs())
                .password(options.sentinelPassword())
                .ssl(url.tls())
                .build();
    }

    private static GenericObjectPoolConfig<Connection> poolConfig(RedisOptions options) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(options.poolMax());
        pool.setMaxIdle(options.poolMax());
        pool.setMinIdle(0);
        // Never block a request forever on an exhausted pool.
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(Duration.ofMillis(options.poolMaxWaitMs()));
        // No PING on borrow: a read must stay one round trip. Stale connections are retried once instead.
        pool.setTestOnBorrow(false);
        pool.setJmxEnabled(false);
        return pool;
    }

    private static HostAndPort hostAndPort(RedisUrl.Node node) {
        return new HostAndPort(node.host(), node.port());
    }

    private static Set<HostAndPort> hostsAndPorts(RedisUrl url) {
        Set<HostAndPort> set = new LinkedHashSet<>();
        url.nodes().forEach(n -> set.add(hostAndPort(n)));
        return set;
    }
}
