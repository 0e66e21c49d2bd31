package io.sessions4j.bench.system;

import io.sessions4j.bench.BenchConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/** Raw Jedis on the shared Redis (or Valkey): {@code GET}; {@code GET} + {@code SET PX}; {@code SET NX PX}. */
final class JedisFloor extends KeyValueFloor {
    private static final long TTL_MILLIS = BenchConfig.SESSION_AGE_SECONDS * 1000L;

    private final String url;
    private final JedisPooled jedis;
    private final String prefix;

    JedisFloor(String name, int sessions) {
        this(name, sessions, BenchConfig.redisUrl());
    }

    JedisFloor(String name, int sessions, String url) {
        this.url = url;
        this.prefix = BenchConfig.REDIS_PREFIX + name + ":";
        Backends.deleteRedisKeys(url, prefix);
        this.jedis = Backends.jedis(url);
        preload(sessions);
    }

    @Override
    String get(String key) {
        return jedis.get(prefix + key);
    }

    @Override
    void set(String key, String value) {
        jedis.set(prefix + key, value, SetParams.setParams().px(TTL_MILLIS));
    }

    @Override
    boolean add(String key, String value) {
        return "OK".equals(jedis.set(prefix + key, value, SetParams.setParams().nx().px(TTL_MILLIS)));
    }

    @Override
    public void close() {
        jedis.close();
        Backends.deleteRedisKeys(url, prefix);
    }
}
