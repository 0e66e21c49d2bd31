package io.sessions4j.engine.db.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.engine.db.DbOptions;

/** Builds the engine's own HikariCP pool from its {@link DbOptions}. */
public final class HikariPools {
    private HikariPools() {
    }

    /**
     * The engine's pool of {@code sessions.db.pool.max} connections. Connects once now, so an unreachable
     * database or bad credentials fail at start-up.
     */
    public static HikariDataSource open(DbOptions options) {
        // Named after the table, so logs tell apart the pools of two engines in one application.
        return open(options, "sessions4j-db-" + options.table(), options.poolMax());
    }

    /**
     * A short-lived pool for Flyway, which holds two connections at once (one for its lock, one for the
     * migration): the engine's own pool may be smaller, down to one connection.
     */
    public static HikariDataSource openForMigration(DbOptions options) {
        return open(options, "sessions4j-db-migrate-" + options.table(), 2);
    }

    private static HikariDataSource open(DbOptions options, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(JdbcUrls.forDriver(options.url()));
        if (options.user() != null && !options.user().isEmpty()) {
            config.setUsername(options.user());
        }
        if (options.password() != null) {
            config.setPassword(options.password());
        }
        config.setMaximumPoolSize(size);
        int connectionTimeout = options.connectionTimeoutMillis();
        config.setConnectionTimeout(connectionTimeout);
        // Hikari requires the liveness check to be quicker than the wait for a connection; it is a database
        // call like any other, so sessions.db.timeout bounds it too.
        config.setValidationTimeout(Math.max(250, Math.min(options.timeoutSeconds() * 1000, connectionTimeout / 2)));
        // A server that accepts and never answers: without a socket timeout a statement on an open connection
        // waits for as long as the TCP connection lives (minutes). These bound the read and the connect.
        Dialect.forUrl(options.url()).timeoutProperties(options.timeoutSeconds()).forEach(config::addDataSourceProperty);
        // Every statement of the engine is its own unit of work.
        config.setAutoCommit(true);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SessionStorageException("db engine: cannot connect to " + options.location() + ": "
                    + cause.getMessage(), e);
        }
    }
}
