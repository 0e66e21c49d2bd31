package io.sessions4j.engine.db;

import io.sessions4j.api.Setting;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code sessions.db.*} keys of the db engine, declared through {@link DbEngineProvider#settings()}
 * so that {@link io.sessions4j.api.SessionSettings} validates them at start-up.
 */
public final class DbSettings {
    private DbSettings() {
    }

    /** The default JDBC URL: an embedded H2 file database that needs no setup. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/sessions";
    /** The default table; set {@code django_session} to share Django's table. */
    public static final String DEFAULT_TABLE = "sessions_session";
    /**
     * Longest table name accepted. PostgreSQL cuts identifiers at 63 bytes, and the Flyway history table
     * ({@code <table>_s4j_history}) and its index need room after the name.
     */
    public static final int MAX_TABLE_NAME_LENGTH = 40;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    // Checked when the engine starts, not by the setting's parser: a rejected value is echoed in the
    // message, and a URL may carry a password that must be masked first.
    public static final Setting<String> URL = Setting.text("sessions.db.url", DEFAULT_URL,
            "JDBC URL of the session database: jdbc:h2:..., jdbc:postgresql:..., jdbc:mariadb:... or jdbc:mysql:... "
                    + "(ignored when the application hands in a DataSource)");
    public static final Setting<String> USER = Setting.text("sessions.db.user", null,
            "Database user; unset means the driver's default or the user given in the URL");
    public static final Setting<String> PASSWORD = Setting.text("sessions.db.password", null,
            "Database password; never logged");
    public static final Setting<String> TABLE = Setting.custom("sessions.db.table", DEFAULT_TABLE,
            "a plain SQL identifier of letters, digits and underscores, not starting with a digit, at most "
                    + MAX_TABLE_NAME_LENGTH + " characters",
            "Session table (Django's is django_session); the name is used exactly as written, case included", raw -> {
                // The name is spliced into SQL, so only a plain identifier may pass: no quotes, spaces or dots.
                if (raw.length() > MAX_TABLE_NAME_LENGTH || !IDENTIFIER.matcher(raw).matches()) {
                    throw new IllegalArgumentException("not a plain identifier");
                }
                return raw;
            });
    public static final Setting<Integer> POOL_MAX = Setting.integer("sessions.db.pool.max", 10, 1, 1000,
            "Most connections the engine's pool opens");
    /** Default of {@link #TIMEOUT}, in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 5;
    public static final Setting<Integer> TIMEOUT = Setting.integer("sessions.db.timeout", DEFAULT_TIMEOUT_SECONDS, 1, 600,
            "Seconds any call to the database may wait for its answer (socket read, query, connect, liveness check "
                    + "and, unless sessions.db.pool.connection_timeout says otherwise, the wait for a pooled connection); "
                    + "past it the request fails with SessionStorageException (HTTP 503) instead of hanging");
    public static final Setting<Integer> POOL_CONNECTION_TIMEOUT = Setting.custom(
            "sessions.db.pool.connection_timeout", null, "a whole number of milliseconds from 250 to 600000",
            "Milliseconds a request waits for a pooled connection before it fails; unset: sessions.db.timeout. "
                    + "HikariCP retries connecting every <= 5 s during an outage, so a wait of 5000 or more lets the "
                    + "first request after the outage wait for the reconnect", raw -> {
                int value = Integer.parseInt(raw.trim());
                if (value < 250 || value > 600_000) {
                    throw new IllegalArgumentException("out of range");
                }
                return value;
            });
    public static final Setting<Boolean> MIGRATE = Setting.bool("sessions.db.migrate", true,
            "Create or upgrade the session table at start-up (Flyway); false only checks it and names what is missing");
    public static final Setting<Integer> CLEAR_BATCH_SIZE = Setting.integer("sessions.db.clear_batch_size", 5000, 1,
            1_000_000, "Rows clearExpired deletes per statement; each batch commits on its own");

    /** Every db setting, in documentation order. */
    public static final List<Setting<?>> ALL = List.of(URL, USER, PASSWORD, TABLE, POOL_MAX, POOL_CONNECTION_TIMEOUT,
            MIGRATE, CLEAR_BATCH_SIZE, TIMEOUT);
}
