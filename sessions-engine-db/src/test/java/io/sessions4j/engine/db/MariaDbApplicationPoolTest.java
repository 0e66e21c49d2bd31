package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.api.SessionStore;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * E7 over an application's DataSource on MariaDB: a query timeout (Connector/J's {@code max_statement_time}, enforced
 * by the server) cannot end a silent network, so the engine bounds its waits by the connection's network timeout while
 * it uses the connection, and hands the connection back with the network timeout it had.
 */
@DisplayName("db engine on MariaDB over an application DataSource: bounded waits by network timeout")
class MariaDbApplicationPoolTest extends ApplicationPoolTimeoutTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
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
}
