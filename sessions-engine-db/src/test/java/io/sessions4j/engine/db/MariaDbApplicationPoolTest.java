package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.TcpProxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * E7 over an application's DataSource on MariaDB: a query timeout (Connector/J's {@code max_statement_time}, enforced
 * by the server) cannot end a silent network, so the engine bounds its waits by the connection's network timeout while
 * it uses the connection, and hands the connection back with the network timeout it had.
 */
@DisplayName("db engine on MariaDB over an application DataSource: bounded waits by network timeout")
class MariaDbApplicationPoolTest {
    private final String table = TestDatabase.uniqueName("s4j_apppool");
    private final MutableClock clock = MutableClock.startingNow();
    private TcpProxy proxy;
    private HikariDataSource pool;
    private SessionEngine engine;

    @AfterEach
    void cleanUp() {
        if (proxy != null) {
            proxy.close(); // first: ends any call still blocked on a silent connection
        }
        if (engine != null) {
            engine.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (TestDatabase.MARIADB.isUp()) {
            TestDatabase.MARIADB.dropSessionTable(table);
        }
    }

    private SessionEngine engineOver(HikariDataSource dataSource, String timeoutSeconds) {
        return DbEngine.create(SessionSettings.of(Map.of("sessions.secret.key", "app-pool-secret-0123456789",
                "sessions.db.table", table, "sessions.db.timeout", timeoutSeconds)), dataSource, clock);
    }

    private static String savedSession(SessionEngine engine) {
        SessionStore s = engine.open(null);
        s.put("user_id", 42);
        s.save();
        return s.getSessionKey();
    }

    @Test
    @DisplayName("E7 the application's connections go back to its pool with the network timeout they had")
    void networkTimeoutRestored() throws SQLException {
        TestDatabase.MARIADB.assumeUp();
        pool = new HikariDataSource();
        pool.setJdbcUrl(TestDatabase.MARIADB.url());
        pool.setMaximumPoolSize(1);
        engine = engineOver(pool, "3");
        String key = savedSession(engine);
        SessionStore s = engine.open(key);
        s.put("cart", "full");
        s.save();
        assertThat(engine.open(key).get("cart")).isEqualTo("full");
        try (Connection c = pool.getConnection()) {
            assertThat(c.getNetworkTimeout()).as("the application's own setting (none)").isZero();
        }
    }

    /**
     * No time is asserted: the proxy resumes only after the calls returned, so a call without a bounded wait would
     * never return and the test's own timeout would fail it.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("E7 an application's pool without socket timeout, database silent: a read on an open pooled connection and a save fail with SessionStorageException; after resume the same engine works")
    void silentDatabaseFailsWithinTheBound() {
        TestDatabase.MARIADB.assumeUp();
        proxy = new TcpProxy(TestDatabase.MARIADB.address().getHost(), TestDatabase.MARIADB.port());
        pool = new HikariDataSource();
        pool.setJdbcUrl(TestDatabase.MARIADB.urlThrough(proxy.port())); // no socketTimeout: the engine's bound only
        pool.setMaximumPoolSize(2); // Flyway holds two at start-up
        pool.setConnectionTimeout(1000);
        engine = engineOver(pool, "1");
        String key = savedSession(engine);
        SessionStore writer = engine.open(key);
        assertThat(writer.get("user_id")).isEqualTo(42);

        proxy.hang();
        SessionStore reader = engine.open(key);
        assertThatThrownBy(() -> reader.get("user_id")).isInstanceOf(SessionStorageException.class)
                .hasMessageContaining("load failed");
        writer.put("cart", "full");
        assertThatThrownBy(writer::save).isInstanceOf(SessionStorageException.class).hasMessageContaining("save failed");
        proxy.resume();

        Object after = null;
        while (after == null) {
            try {
                after = engine.open(key).get("user_id");
            } catch (SessionStorageException e) {
                // the application's pool replaces the connection the timeout closed, in its own time
            }
        }
        assertThat(after).isEqualTo(42);
    }
}
