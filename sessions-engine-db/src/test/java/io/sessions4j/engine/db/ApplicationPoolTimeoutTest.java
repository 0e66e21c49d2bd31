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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * E7 over an application's DataSource, on a database whose engine bounds its waits by the connection's network timeout
 * while it uses the connection: what every such database must do (the subclasses add their driver's particulars).
 */
abstract class ApplicationPoolTimeoutTest {
    protected final String table = TestDatabase.uniqueName("s4j_apppool");
    protected final MutableClock clock = MutableClock.startingNow();
    protected TcpProxy proxy;
    protected HikariDataSource pool;
    protected SessionEngine engine;

    /** The database under test. */
    protected abstract TestDatabase database();

    @AfterEach
    void closeAndDrop() {
        if (proxy != null) {
            proxy.close(); // first: ends any call still blocked on a silent connection
        }
        if (engine != null) {
            engine.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (database().isUp()) {
            database().dropSessionTable(table);
        }
    }

    protected SessionEngine engineOver(DataSource dataSource, String timeoutSeconds) {
        return DbEngine.create(settings(timeoutSeconds, "true"), dataSource, clock);
    }

    protected SessionSettings settings(String timeoutSeconds, String migrate) {
        return SessionSettings.of(Map.of("sessions.secret.key", "app-pool-secret-0123456789", "sessions.db.table", table,
                "sessions.db.timeout", timeoutSeconds, "sessions.db.migrate", migrate));
    }

    protected static String savedSession(SessionEngine engine) {
        SessionStore s = engine.open(null);
        s.put("user_id", 42);
        s.save();
        return s.getSessionKey();
    }

    /**
     * No time is asserted: the proxy resumes only after the calls returned, so a call without a bounded wait would
     * never return and the test's own timeout would fail it.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("E7 an application's pool without socket timeout, database silent: a read on an open pooled connection and a save fail with SessionStorageException; after resume the same engine works")
    void silentDatabaseFailsWithinTheBound() {
        database().assumeUp();
        proxy = new TcpProxy(database().address().getHost(), database().port());
        pool = new HikariDataSource();
        pool.setJdbcUrl(database().urlThrough(proxy.port())); // no socketTimeout: the engine's bound only
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
