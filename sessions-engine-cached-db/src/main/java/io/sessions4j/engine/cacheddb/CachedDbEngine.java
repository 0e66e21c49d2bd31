package io.sessions4j.engine.cacheddb;

import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.engine.cache.CacheEngineProvider;
import io.sessions4j.engine.cache.CacheSessionStorage;
import io.sessions4j.engine.db.DbEngine;
import io.sessions4j.engine.db.DbSessionStorage;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Builds the {@code cached_db} engine: the db engine's table (all {@code sessions.db.*} settings)
 * behind the cache engine's cache ({@code sessions.cache.*}: Ehcache in-process by default, or Redis).
 */
public final class CachedDbEngine {
    /** The name users write in {@code sessions.engine}. */
    public static final String NAME = "cached_db";

    private CachedDbEngine() {
    }

    /** The engine with its own connection pool, as configured. */
    public static StorageSessionEngine create(SessionSettings settings, Clock clock) {
        return create(SessionContext.create(settings, clock));
    }

    /** {@link #create(SessionSettings, Clock)} from the context {@link io.sessions4j.api.SessionEngines#load} built. */
    public static StorageSessionEngine create(SessionContext context) {
        return DbEngine.compose(NAME, context, DbSessionStorage::open, db -> cachedDb(db, context));
    }

    /** The engine over an application's {@link DataSource}, which it never closes. */
    public static StorageSessionEngine create(SessionSettings settings, DataSource dataSource, Clock clock) {
        SessionContext context = SessionContext.create(settings, clock);
        return DbEngine.compose(NAME, context, options -> DbSessionStorage.open(options, dataSource),
                db -> cachedDb(db, context));
    }

    private static SessionStorage cachedDb(DbSessionStorage db, SessionContext context) {
        return new CachedDbStorage(db, new CacheSessionStorage(
                CacheEngineProvider.openCache(context.settings(), context.clock()), context.clock()));
    }
}
