package io.sessions4j.engine.db;

import io.sessions4j.testkit.TestServices;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A shared test database server (PostgreSQL or MariaDB), used without stepping on other test classes: every
 * class works in its own table (or schema) with a random suffix and drops it afterwards.
 */
final class TestDatabase {
    static final TestDatabase POSTGRES = new TestDatabase("PostgreSQL", TestServices.postgresUrl(), '"', 5432);
    static final TestDatabase MARIADB = new TestDatabase("MariaDB", TestServices.mariadbUrl(), '`', 3306);

    private final String name;
    private final String url;
    private final char quote;
    private final int defaultPort;

    private TestDatabase(String name, String url, char quote, int defaultPort) {
        this.name = name;
        this.url = url;
        this.quote = quote;
        this.defaultPort = defaultPort;
    }

    /** A table name no other test uses: {@code prefix_<8 random hex>}. */
    static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
    }

    /** Skips (locally) or fails (CI) the calling test unless the server answers. */
    void assumeUp() {
        TestServices.assumeReachable(name, address().getHost(), port());
    }

    /** Whether the server answers now (for clean-up after a test that may have skipped). */
    boolean isUp() {
        return TestServices.reachable(address().getHost(), port());
    }

    /** The JDBC URL of the test database. */
    String url() {
        return url;
    }

    /** An identifier quoted for this database. */
    String quote(String identifier) {
        return quote + identifier + quote;
    }

    /** A plain connection beside the engine's pool, to look underneath. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Runs statements on a fresh connection. */
    void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row {@code sql} returns, with {@code parameters} bound in order. */
    List<String> column(String sql, Object... parameters) {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** Drops a session table and the engine's history table for it. */
    void dropSessionTable(String table) {
        execute("DROP TABLE IF EXISTS " + quote(table), "DROP TABLE IF EXISTS " + quote(table + "_s4j_history"),
                "DROP TABLE IF EXISTS " + quote(table + "_principal"));
    }

    /** The test URL with one more query parameter. */
    String urlWith(String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    /** The test URL naming another database on the same server (MariaDB: a database is a schema). */
    String urlOfDatabase(String database) {
        URI uri = address();
        return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The test database's host and port. */
    URI address() {
        return URI.create(url.substring("jdbc:".length()));
    }

    /** The server's port. */
    int port() {
        return address().getPort() < 0 ? defaultPort : address().getPort();
    }

    /** The test URL pointed at {@code 127.0.0.1:port} instead (a {@link io.sessions4j.testkit.TcpProxy}). */
    String urlThrough(int port) {
        URI uri = address();
        return "jdbc:" + uri.getScheme() + "://127.0.0.1:" + port + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
