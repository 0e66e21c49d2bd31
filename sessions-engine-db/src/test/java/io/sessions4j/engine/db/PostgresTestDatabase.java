package io.sessions4j.engine.db;

import io.sessions4j.testkit.TestServices;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The shared test PostgreSQL, used without stepping on other test classes: every class works in its
 * own table (or schema) with a random suffix and drops it afterwards.
 */
final class PostgresTestDatabase {
    private PostgresTestDatabase() {
    }

    /** {@code SESSIONS_TEST_PG_URL} or the local default. */
    static String url() {
        return TestServices.postgresUrl();
    }

    /** A table name no other test uses: {@code prefix_<8 random hex>}. */
    static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
    }

    /** A plain connection beside the engine's pool, to look underneath. */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    /** Runs statements on a fresh connection. */
    static void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops a session table and the engine's history table for it. */
    static void dropSessionTable(String table) {
        execute("DROP TABLE IF EXISTS \"" + table + "\"", "DROP TABLE IF EXISTS \"" + table + "_s4j_history\"",
                "DROP TABLE IF EXISTS \"" + table + "_principal\"");
    }

    /** The test URL with one more query parameter. */
    static String urlWith(String parameter) {
        String url = url();
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    /** The test database's host and port. */
    static URI address() {
        return URI.create(url().substring("jdbc:".length()));
    }

    /** The test URL pointed at {@code 127.0.0.1:port} instead (a {@link io.sessions4j.testkit.TcpProxy}). */
    static String urlThrough(int port) {
        URI uri = address();
        return "jdbc:postgresql://127.0.0.1:" + port + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
