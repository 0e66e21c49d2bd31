package io.sessions4j.engine.cacheddb;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngineProvider;
import io.sessions4j.api.SessionContext;

/**
 * Engine {@code cached_db} (Django's {@code backends.cached_db}). It has no settings of its own:
 * the database is configured with {@code sessions.db.*}, the cache with {@code sessions.cache.*}.
 */
public final class CachedDbEngineProvider implements SessionEngineProvider {
    @Override
    public String name() {
        return CachedDbEngine.NAME;
    }

    @Override
    public SessionEngine create(SessionContext context) {
        return CachedDbEngine.create(context);
    }
}
