package io.sessions4j.bench.system;

import io.sessions4j.bench.BenchConfig;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;

/**
 * Spring Session Data Redis ({@code RedisSessionRepository}, the default since Spring Session 3) on the
 * shared Redis through Jedis, wired as {@code @EnableRedisHttpSession} wires it: string keys and hash
 * keys, Java serialization of attribute values (its default), a pool of 8 connections like the cache
 * engine's.
 */
final class SpringRedisSystem extends SpringSessionSystem {
    private static final String NAMESPACE = BenchConfig.REDIS_PREFIX + "spring";

    private final JedisConnectionFactory connections;
    private final RedisSessionRepository repository;

    SpringRedisSystem(int sessions) {
        Backends.deleteRedisKeys(NAMESPACE + ":");
        GenericObjectPoolConfig<redis.clients.jedis.Jedis> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(Backends.REDIS_POOL_SIZE);
        pool.setMaxIdle(Backends.REDIS_POOL_SIZE);
        pool.setJmxEnabled(false);
        this.connections = new JedisConnectionFactory(
                new RedisStandaloneConfiguration(BenchConfig.redisHost(), BenchConfig.redisPort()),
                JedisClientConfiguration.builder().usePooling().poolConfig(pool).build());
        connections.afterPropertiesSet();
        connections.start();
        RedisTemplate<String, Object> template = new RedisTemplate<>();
        template.setKeySerializer(RedisSerializer.string());
        template.setHashKeySerializer(RedisSerializer.string());
        template.setConnectionFactory(connections);
        template.afterPropertiesSet();
        this.repository = new RedisSessionRepository(template);
        repository.setRedisKeyNamespace(NAMESPACE);
        repository.setDefaultMaxInactiveInterval(Duration.ofSeconds(BenchConfig.SESSION_AGE_SECONDS));
        preload(sessions, 4, untyped(repository), work -> work);
    }

    @Override
    SessionRepository<org.springframework.session.Session> repository() {
        return untyped(repository);
    }

    @Override
    public void close() {
        connections.destroy();
        Backends.deleteRedisKeys(NAMESPACE + ":");
    }
}
