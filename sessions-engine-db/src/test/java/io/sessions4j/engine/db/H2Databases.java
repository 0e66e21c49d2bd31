package io.sessions4j.engine.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Throw-away H2 in-memory databases for engine-specific tests. */
final class H2Databases {
    private H2Databases() {
    }

    /** A URL of a fresh in-memory database that lives until the JVM ends (it must outlive pools between tests). */
    static String newUrl() {
        return "jdbc:h2:mem:db_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    }

    static void execute(String url, String... sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of a query. */
    static List<String> column(String url, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    /** Drops an in-memory database kept by DB_CLOSE_DELAY. */
    static void drop(String url) {
        execute(url, "SHUTDOWN");
    }
}
