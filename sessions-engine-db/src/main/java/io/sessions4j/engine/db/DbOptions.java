package io.sessions4j.engine.db;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.engine.db.internal.JdbcUrls;

/**
 * The db engine's settings ({@code sessions.db.*}, see {@link DbSettings}), read once from
 * {@link SessionSettings} when the engine is built; nothing below the engine sees the settings object.
 *
 * @param url                     JDBC URL of the engine's own pool (unused over an application DataSource)
 * @param user                    database user, or null for the driver's default
 * @param password                database password, or null; never printed
 * @param table                   the session table, a checked plain identifier
 * @param poolMax                 most connections of the engine's own pool
 * @param connectionTimeoutMillis how long a request waits for a pooled connection
 * @param migrate                 whether to create or upgrade the table at start-up
 * @param clearBatchSize          rows {@code clearExpired} deletes per committed statement
 * @param timeoutSeconds          the bound on every wait for the database's answer ({@code sessions.db.timeout})
 */
public record DbOptions(String url, String user, String password, String table, int poolMax,
                        int connectionTimeoutMillis, boolean migrate, int clearBatchSize, int timeoutSeconds) {

    /** The {@code sessions.db.*} values of {@code settings}, defaults included. */
    public static DbOptions from(SessionSettings settings) {
        int timeout = settings.get(DbSettings.TIMEOUT);
        Integer connectionTimeout = settings.get(DbSettings.POOL_CONNECTION_TIMEOUT);
        return new DbOptions(settings.get(DbSettings.URL), settings.get(DbSettings.USER),
                settings.get(DbSettings.PASSWORD), settings.get(DbSettings.TABLE), settings.get(DbSettings.POOL_MAX),
                connectionTimeout != null ? connectionTimeout : timeout * 1000, settings.get(DbSettings.MIGRATE),
                settings.get(DbSettings.CLEAR_BATCH_SIZE), timeout);
    }

    /** The URL as it may appear in messages: any password masked. */
    public String location() {
        return JdbcUrls.redact(url);
    }

    /** Does not print the password, in the URL or beside it. */
    @Override
    public String toString() {
        return "DbOptions[url=" + location() + ", user=" + user + ", table=" + table + ", pool=" + poolMax
                + ", connectionTimeout=" + connectionTimeoutMillis + "ms, migrate=" + migrate
                + ", clearBatchSize=" + clearBatchSize + ", timeout=" + timeoutSeconds + "s]";
    }
}
