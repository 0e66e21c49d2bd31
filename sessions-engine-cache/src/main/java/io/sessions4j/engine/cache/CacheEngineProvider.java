package io.sessions4j.engine.cache;

import io.sessions4j.api.CloseOnFailure;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.spi.SessionEngineProvider;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.Setting;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.engine.cache.ehcache.EhcacheSessionCache;
import io.sessions4j.engine.cache.redis.RedisOptions;
import io.sessions4j.engine.cache.redis.RedisSessionCache;
import io.sessions4j.engine.cache.redis.RedisUrl;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Engine {@code cache} (Django's {@code django.contrib.sessions.backends.cache}): sessions live
 * only in a cache, which expires them by itself. {@code sessions.cache.backend} picks Ehcache
 * (in-process, the default) or Redis (standalone, Sentinel or Cluster, from the URL form).
 */
public final class CacheEngineProvider implements SessionEngineProvider {
    /** The name users write in {@code sessions.engine}. */
    public static final String NAME = "cache";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Setting<?>> settings() {
        return CacheSettings.ALL;
    }

    @Override
    public SessionEngine create(SessionContext context) {
        SessionCache cache = openCache(context.settings(), context.clock());
        return CloseOnFailure.of(cache, () -> new StorageSessionEngine(NAME, context,
                new CacheSessionStorage(cache, context.clock())));
    }

    /**
     * The cache the settings describe, connected and checked. Other engines that keep sessions in
     * a cache (cached_db) build theirs here too.
     *
     * @param clock the engine's clock; Ehcache expires entries by it
     * @throws io.sessions4j.api.SessionConfigurationException on a bad URL or disk path
     * @throws io.sessions4j.api.SessionStorageException       when Redis cannot be reached
     */
    public static SessionCache openCache(SessionSettings settings, Clock clock) {
        if (settings.get(CacheSettings.BACKEND).equals("redis")) {
            RedisUrl url = RedisUrl.parse(settings.get(CacheSettings.URL));
            return RedisSessionCache.open(url, redisOptions(settings));
        }
        String disk = settings.get(CacheSettings.DISK_PATH);
        return new EhcacheSessionCache(settings.get(CacheSettings.MAX_ENTRIES),
                disk == null || disk.isBlank() ? null : Path.of(disk), settings.get(CacheSettings.DISK_SIZE_MB), clock);
    }

    private static RedisOptions redisOptions(SessionSettings settings) {
        String caFile = settings.get(CacheSettings.TLS_CA_FILE);
        return new RedisOptions(settings.get(CacheSettings.KEY_PREFIX), settings.get(CacheSettings.CONNECT_TIMEOUT),
                settings.get(CacheSettings.READ_TIMEOUT), settings.get(CacheSettings.POOL_MAX),
                settings.get(CacheSettings.POOL_MAX_WAIT), settings.get(CacheSettings.SENTINEL_PASSWORD),
                caFile == null || caFile.isBlank() ? null : Path.of(caFile));
    }
}
