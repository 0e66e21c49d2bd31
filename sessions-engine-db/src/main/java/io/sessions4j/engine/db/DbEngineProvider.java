package io.sessions4j.engine.db;

import io.sessions4j.api.SchemaMigrations;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngineProvider;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.Setting;
import java.util.List;

/**
 * Engine {@code db}, the default: sessions in a JDBC table shaped like Django's {@code django_session}.
 * Registered for {@link java.util.ServiceLoader}; see {@link DbSettings} for its keys and
 * {@link DbSessionStorage} for how it stores sessions. Its session table is a {@link SchemaMigrations} capability
 * ({@code sessions migrate}).
 */
public final class DbEngineProvider implements SessionEngineProvider, SchemaMigrations {

    @Override
    public String name() {
        return DbEngine.NAME;
    }

    @Override
    public List<Setting<?>> settings() {
        return DbSettings.ALL;
    }

    @Override
    public SessionEngine create(SessionContext context) {
        return DbEngine.create(context);
    }

    /** The session table, {@code sessions.db.table}, migrated by {@link DbEngine#migrate}. */
    @Override
    public Schema schema(SessionSettings settings) {
        return new Schema("table " + settings.get(DbSettings.TABLE), () -> DbEngine.pendingMigrations(settings),
                () -> DbEngine.migrate(settings));
    }
}
