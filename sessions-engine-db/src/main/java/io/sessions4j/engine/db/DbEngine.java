package io.sessions4j.engine.db;

import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.engine.db.internal.Dialect;
import io.sessions4j.engine.db.internal.HikariPools;
import io.sessions4j.engine.db.internal.JdbcUrls;
import io.sessions4j.engine.db.internal.SessionSchema;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/**
 * Builds the db engine in code: from {@code sessions.db.*} (the engine owns a HikariCP pool) or over
 * the application's own {@link DataSource} (the engine neither owns nor closes it).
 *
 * <pre>{@code
 * SessionEngine engine = DbEngine.create(SessionSettings.fromFile(path), appDataSource, Clock.systemUTC());
 * }</pre>
 *
 * With {@code sessions.engine=db} (the default), {@link io.sessions4j.api.SessionEngines#load} does the
 * same through {@link DbEngineProvider}.
 */
public final class DbEngine {
    /** The engine's name in {@code sessions.engine}. */
    public static final String NAME = "db";

    private DbEngine() {
    }

    /** An engine with its own pool from {@code sessions.db.*}; closing the engine closes the pool. */
    public static StorageSessionEngine create(SessionSettings settings, Clock clock) {
        return create(SessionContext.create(settings, clock));
    }

    /** {@link #create(SessionSettings, Clock)} from the context {@link io.sessions4j.api.SessionEngines#load} built. */
    public static StorageSessionEngine create(SessionContext context) {
        return engine(context, DbSessionStorage.open(context.settings()));
    }

    /**
     * An engine over the application's DataSource; {@code sessions.db.url}, {@code .user}, {@code .password}
     * and {@code .pool.*} are ignored, and closing the engine leaves the DataSource open.
     */
    public static StorageSessionEngine create(SessionSettings settings, DataSource dataSource, Clock clock) {
        return engine(SessionContext.create(settings, clock), DbSessionStorage.open(settings, dataSource));
    }

    /**
     * Creates or upgrades the session table now, whatever {@code sessions.db.migrate} says (the
     * {@code sessions migrate} command). Opens a short-lived connection pool from {@code sessions.db.*}.
     *
     * @return how many migrations ran; 0 when the table was current
     */
    public static int migrate(SessionSettings settings) {
        String url = settings.get(DbSettings.URL);
        String location = JdbcUrls.redact(url);
        Dialect dialect = Dialect.forUrl(url);
        try (HikariDataSource pool = HikariPools.openForMigration(settings, location)) {
            SessionSchema schema = new SessionSchema(pool, dialect, settings.get(DbSettings.TABLE), location);
            int applied = schema.migrate();
            schema.check(true);
            return applied;
        }
    }

    /**
     * The migrations {@link #migrate} would apply now, as {@code "<version> <description>"}, oldest first
     * (the {@code sessions migrate --dry-run} command). Changes nothing; empty when the table is current.
     */
    public static List<String> pendingMigrations(SessionSettings settings) {
        String url = settings.get(DbSettings.URL);
        String location = JdbcUrls.redact(url);
        Dialect dialect = Dialect.forUrl(url);
        try (HikariDataSource pool = HikariPools.openForMigration(settings, location)) {
            return new SessionSchema(pool, dialect, settings.get(DbSettings.TABLE), location).pending();
        }
    }

    private static StorageSessionEngine engine(SessionContext context, DbSessionStorage storage) {
        try {
            return new StorageSessionEngine(NAME, context, storage);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }
}
