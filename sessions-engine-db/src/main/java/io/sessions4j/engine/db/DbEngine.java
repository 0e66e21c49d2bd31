package io.sessions4j.engine.db;

import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.api.CloseOnFailure;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.engine.db.internal.Dialect;
import io.sessions4j.engine.db.internal.HikariPools;
import io.sessions4j.engine.db.internal.SessionSchema;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
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
        return compose(NAME, context, DbSessionStorage::open, db -> db);
    }

    /**
     * An engine over the application's DataSource; {@code sessions.db.url}, {@code .user}, {@code .password}
     * and {@code .pool.*} are ignored, and closing the engine leaves the DataSource open.
     */
    public static StorageSessionEngine create(SessionSettings settings, DataSource dataSource, Clock clock) {
        return compose(NAME, SessionContext.create(settings, clock), options -> DbSessionStorage.open(options, dataSource),
                db -> db);
    }

    /**
     * The one way an engine over the session table is built, for this engine and for engines composed over
     * it ({@code cached_db}): reads {@code sessions.db.*} once, opens the table, builds the engine's storage
     * around it, and closes what was opened when any step after the table fails.
     *
     * @param name    the engine's name in {@code sessions.engine}
     * @param table   opens the table from the options ({@link DbSessionStorage#open(DbOptions)} or over a
     *                DataSource)
     * @param storage the engine's storage built around the table (identity for the db engine)
     */
    public static StorageSessionEngine compose(String name, SessionContext context,
                                               Function<DbOptions, DbSessionStorage> table,
                                               Function<DbSessionStorage, SessionStorage> storage) {
        DbSessionStorage db = table.apply(DbOptions.from(context.settings()));
        return CloseOnFailure.of(db, () -> {
            SessionStorage built = storage.apply(db);
            return CloseOnFailure.of(built, () -> new StorageSessionEngine(name, context, built));
        });
    }

    /**
     * Creates or upgrades the session table now, whatever {@code sessions.db.migrate} says (the
     * {@code sessions migrate} command). Opens a short-lived connection pool from {@code sessions.db.*}.
     *
     * @return how many migrations ran; 0 when the table was current
     */
    public static int migrate(SessionSettings settings) {
        DbOptions options = DbOptions.from(settings);
        try (HikariDataSource pool = HikariPools.openForMigration(options)) {
            SessionSchema schema = schema(options, pool);
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
        DbOptions options = DbOptions.from(settings);
        try (HikariDataSource pool = HikariPools.openForMigration(options)) {
            return schema(options, pool).pending();
        }
    }

    private static SessionSchema schema(DbOptions options, HikariDataSource pool) {
        return new SessionSchema(pool, Dialect.forUrl(options.url()), options.table(), options.location());
    }
}
