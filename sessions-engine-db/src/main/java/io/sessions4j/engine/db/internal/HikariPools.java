package io.sessions4j.engine.db.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.engine.db.DbSettings;

/** Builds the engine's own HikariCP pool from {@code sessions.db.*}. */
public final class HikariPools {
    private HikariPools() {
    }

    /**
     * The engine's pool of {@code sessions.db.pool.max} connections. Connects once now, so an unreachable
     * database or bad credentials fail at start-up.
     *
     * @param location the URL without password, for messages
     */
    public static HikariDataSource open(SessionSettings settings, String location) {
        // Named after the table, so logs tell apart the pools of two engines in one application.
        return open(settings, location, "sessions4j-db-" + settings.get(DbSettings.TABLE), settings.get(DbSettings.POOL_MAX));
    }

    /**
     * A short-lived pool for Flyway, which holds two connections at once (one for its lock, one for the
     * migration): the engine's own pool may be smaller, down to one connection.
     */
    public static HikariDataSource openForMigration(SessionSettings settings, String location) {
        return open(settings, location, "sessions4j-db-migrate-" + settings.get(DbSettings.TABLE), 2);
    }

    private static HikariDataSource open(SessionSettings settings, String location, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(JdbcUrls.forDriver(settings.get(DbSettings.URL)));
        String user = settings.get(DbSettings.USER);
        if (user != null && !user.isEmpty()) {
            config.setUsername(user);
        }
        String password = settings.get(DbSettings.PASSWORD);
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(size);
        int connectionTimeout = settings.get(DbSettings.POOL_CONNECTION_TIMEOUT);
        config.setConnectionTimeout(connectionTimeout);
        // Hikari requires the liveness check to be quicker than the wait for a connection.
        config.setValidationTimeout(Math.max(250, Math.min(5_000, connectionTimeout / 2)));
        // Every statement of the engine is its own unit of work.
        config.setAutoCommit(true);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SessionStorageException("db engine: cannot connect to " + location + ": " + cause.getMessage(), e);
        }
    }
}
