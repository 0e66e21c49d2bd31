package io.sessions4j.engine.cacheddb;

import io.sessions4j.testkit.TestServices;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The real backends of the tests, each test class in its own table and key prefix, cleaned up after. */
final class Backends {
    private Backends() {
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Settings for an in-memory H2 database of its own plus an in-process Ehcache. */
    static Map<String, String> ehcacheOverH2(String name) {
        return Map.of("sessions.db.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                "sessions.cache.backend", "ehcache");
    }

    /** Settings for a table of its own in the test PostgreSQL plus Redis under a key prefix of its own. */
    static Map<String, String> redisOverPostgres(String table, String prefix, String redisUrl) {
        return Map.of("sessions.db.url", TestServices.postgresUrl(), "sessions.db.table", table,
                "sessions.cache.backend", "redis", "sessions.cache.url", redisUrl,
                "sessions.cache.key_prefix", prefix, "sessions.cache.connect_timeout", "500",
                "sessions.cache.read_timeout", "500");
    }

    static void dropTable(String table) {
        try (Connection c = DriverManager.getConnection(TestServices.postgresUrl());
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            s.execute("DROP TABLE IF EXISTS \"" + table + "_s4j_history\"");
            s.execute("DROP TABLE IF EXISTS \"" + table + "_principal\""); // sessions by user (migration V2)
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Jedis redis() {
        URI uri = URI.create(TestServices.redisUrl());
        return new Jedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), 2000);
    }

    static void deleteKeys(String prefix) {
        try (Jedis jedis = redis()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().match(prefix + "*").count(500);
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                page.getResult().forEach(jedis::del);
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }
}
