package io.sessions4j.bench.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What each mode creates in the shared PostgreSQL and Redis, all named after {@code bench.prefix}, and its removal
 * when the application stops ({@code bench.cleanup}, on by default). The sessions4j db engine creates its own table
 * (its Flyway migration); Spring Session JDBC's schema is created here from Spring Session's own script.
 */
final class BenchStorage {
    private BenchStorage() {
    }

    /**
     * Spring Session JDBC's PostgreSQL schema ({@code schema-postgresql.sql} from its jar) under the table name of
     * {@code spring.session.jdbc.table-name}, created afresh at start-up: Boot's initializer would use the script as
     * it is, named {@code SPRING_SESSION}, which other applications of a shared database may own.
     */
    @Component
    @Profile("spring-jdbc")
    static final class SpringJdbcSchema implements DisposableBean {
        private static final String SCRIPT = "org/springframework/session/jdbc/schema-postgresql.sql";
        private final DataSource dataSource;
        private final String table;
        private final boolean cleanup;

        SpringJdbcSchema(DataSource dataSource, @Value("${spring.session.jdbc.table-name}") String table,
                         @Value("${bench.cleanup}") boolean cleanup) {
            this.dataSource = dataSource;
            this.table = table;
            this.cleanup = cleanup;
            drop();
            execute(script());
        }

        private List<String> script() {
            try (InputStream in = SpringJdbcSchema.class.getClassLoader().getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException(SCRIPT + " not found: is spring-session-jdbc on the class path?");
                }
                String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("SPRING_SESSION", table);
                return Arrays.stream(script.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void drop() {
            execute(List.of("DROP TABLE IF EXISTS " + table + "_ATTRIBUTES", "DROP TABLE IF EXISTS " + table));
        }

        private void execute(List<String> statements) {
            BenchStorage.execute(dataSource, statements);
        }

        @Override
        public void destroy() {
            if (cleanup) {
                drop();
            }
        }
    }

    /** The db engine's tables (sessions, their index by user) and its Flyway history, dropped when the application stops. */
    @Component
    @Profile("sessions4j-db")
    static final class Sessions4jDbTables implements DisposableBean {
        private final DataSource dataSource;
        private final String table;
        private final boolean cleanup;

        Sessions4jDbTables(DataSource dataSource, @Value("${sessions.db.table}") String table,
                           @Value("${bench.cleanup}") boolean cleanup) {
            this.dataSource = dataSource;
            this.table = table;
            this.cleanup = cleanup;
        }

        @Override
        public void destroy() {
            if (cleanup) {
                // The engine quotes its table name (it is used exactly as written).
                execute(dataSource, List.of("DROP TABLE IF EXISTS \"" + table + "_principal\"",
                        "DROP TABLE IF EXISTS \"" + table + "\"",
                        "DROP TABLE IF EXISTS \"" + table + "_s4j_history\""));
            }
        }
    }

    /** Every Redis key under {@code bench.prefix}, deleted when the application stops. */
    @Component
    @Profile({"spring-redis", "sessions4j-redis"})
    static final class RedisKeys implements DisposableBean {
        private final String url;
        private final String prefix;
        private final boolean cleanup;

        RedisKeys(@Value("${spring.data.redis.url}") String url, @Value("${bench.prefix}") String prefix,
                  @Value("${bench.cleanup}") boolean cleanup) {
            this.url = url;
            this.prefix = prefix + ":";
            this.cleanup = cleanup;
        }

        @Override
        public void destroy() {
            if (cleanup) {
                deleteKeys(url, prefix);
            }
        }
    }

    /** Deletes every key of the Redis at {@code url} whose name starts with {@code prefix}. */
    static void deleteKeys(String url, String prefix) {
        try (JedisPooled jedis = new JedisPooled(java.net.URI.create(url))) {
            ScanParams params = new ScanParams().match(prefix + "*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                if (!page.getResult().isEmpty()) {
                    jedis.unlink(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    static void execute(DataSource dataSource, List<String> statements) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("benchmark storage set-up failed: " + e.getMessage(), e);
        }
    }
}
