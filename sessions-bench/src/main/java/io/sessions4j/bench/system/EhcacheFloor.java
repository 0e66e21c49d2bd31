package io.sessions4j.bench.system;

import io.sessions4j.bench.BenchConfig;

import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;

/**
 * Raw Ehcache 3, heap only, strings by reference, no expiry: {@code get}; {@code get} +
 * {@code put}; {@code putIfAbsent}.
 */
final class EhcacheFloor extends KeyValueFloor {
    private final CacheManager manager;
    private final Cache<String, String> cache;

    EhcacheFloor(int sessions) {
        this.manager = CacheManagerBuilder.newCacheManagerBuilder()
                .withCache("floor", CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class, String.class,
                        ResourcePoolsBuilder.newResourcePoolsBuilder().heap(Math.max(BenchConfig.CACHE_ENTRIES, sessions * 4L),
                                EntryUnit.ENTRIES)))
                .build(true);
        this.cache = manager.getCache("floor", String.class, String.class);
        preload(sessions);
    }

    @Override
    String get(String key) {
        return cache.get(key);
    }

    @Override
    void set(String key, String value) {
        cache.put(key, value);
    }

    @Override
    boolean add(String key, String value) {
        return cache.putIfAbsent(key, value) == null;
    }

    @Override
    public void close() {
        manager.close();
    }
}
