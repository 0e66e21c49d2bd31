package io.sessions4j.engine.cacheddb;

import io.sessions4j.api.SchemaMigrations;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngineProvider;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.engine.db.DbEngineProvider;

/**
 * Engine {@code cached_db} (Django's {@code backends.cached_db}). It has no settings of its own:
 * the database is configured with {@code sessions.db.*}, the cache with {@code sessions.cache.*}. Its session
 * table is the db engine's, migrated the same way ({@link SchemaMigrations}).
 */
public final class CachedDbEngineProvider implements SessionEngineProvider, SchemaMigrations {

    @Override
    public String name() {
        return CachedDbEngine.NAME;
    }

    @Override
    public SessionEngine create(SessionContext context) {
        return CachedDbEngine.create(context);
    }

    /** The db engine's session table. */
    @Override
    public Schema schema(SessionSettings settings) {
        return new DbEngineProvider().schema(settings);
    }
}
