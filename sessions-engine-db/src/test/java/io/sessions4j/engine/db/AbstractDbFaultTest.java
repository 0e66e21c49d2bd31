package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.TcpProxy;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * E5: the database goes away mid-test (a {@link TcpProxy} between the pool and the shared server is cut,
 * the server itself keeps running for everyone else) and comes back. One subclass per server.
 */
abstract class AbstractDbFaultTest {
    /** A password that must never show in a message; only servers that accept any password get one. */
    protected static final String PASSWORD = "not-a-real-password-4711";

    protected final String table = TestDatabase.uniqueName("s4j_fault");
    protected final MutableClock clock = MutableClock.startingNow();
    protected TcpProxy proxy;
    protected SessionEngine engine;

    /** The server behind the proxy. */
    protected abstract TestDatabase database();

    /** The server's URL through the proxy on {@code port}, with {@link #PASSWORD} where the server ignores it. */
    protected abstract String urlThrough(int port);

    @AfterEach
    void cleanUp() {
        if (engine != null) {
            engine.close();
        }
        if (proxy != null) {
            proxy.close();
            database().dropSessionTable(table);
        }
    }

    private String proxiedUrl() {
        return urlThrough(proxy.port());
    }

    /**
     * Works around a race in {@link TcpProxy}: {@code cut()} returns while the JDK still holds the listening
     * socket for the thread blocked in {@code accept()}, so an immediate {@code restore()} can fail with
     * "address already in use" for a few milliseconds.
     */
    protected void restoreProxy() {
        for (int attempt = 1; ; attempt++) {
            try {
                proxy.restore();
                return;
            } catch (IllegalStateException e) {
                if (attempt >= 100) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    protected SessionEngine startEngine() {
        database().assumeUp();
        proxy = new TcpProxy(database().address().getHost(), database().port());
        return DbEngine.create(SessionSettings.of(Map.of(
                "sessions.secret.key", "fault-secret-0123456789",
                "sessions.db.url", proxiedUrl(),
                "sessions.db.table", table,
                // One connection, opened synchronously at start-up: the pool is never mid-way through opening
                // another when the proxy is cut (a connection accepted during the cut could survive it).
                "sessions.db.pool.max", "1",
                // While the database is away HikariCP retries connecting with a back-off of up to 5 s; a
                // connection timeout above that lets the first request after recovery wait for the reconnect
                // (the default, 10 s, does too) while requests during the outage still fail in bounded time.
                "sessions.db.pool.connection_timeout", "6000")), clock);
    }

    @Test
    @DisplayName("E5 database down: loads and saves throw SessionStorageException naming the database, never an empty session or a partial write; back up: the next request works")
    void e5_databaseDownThenBack() {
        engine = startEngine();
        SessionStore original = engine.open(null);
        original.put("user_id", 42);
        original.save();
        String key = original.getSessionKey();

        SessionStore loadedBeforeOutage = engine.open(key);
        assertThat(loadedBeforeOutage.get("user_id")).isEqualTo(42);

        proxy.cut();

        SessionStore reader = engine.open(key);
        assertThatThrownBy(() -> reader.get("user_id"))
                .isInstanceOf(SessionStorageException.class)
                .hasMessageContaining("db engine")
                .hasMessageContaining("load failed")
                .hasMessageContaining("127.0.0.1:" + proxy.port())
                .hasMessageContaining(table)
                .hasMessageNotContaining(PASSWORD);
        // Not silently logged out: the store did not drop the client's key.
        assertThat(reader.getSessionKey()).isEqualTo(key);

        loadedBeforeOutage.put("cart", "full");
        assertThatThrownBy(loadedBeforeOutage::save)
                .isInstanceOf(SessionStorageException.class)
                .hasMessageContaining("save failed")
                .hasMessageNotContaining(PASSWORD);

        restoreProxy();

        // The next request works without restarting anything; the failed save left nothing behind.
        SessionStore after = engine.open(key);
        assertThat(after.get("user_id")).isEqualTo(42);
        assertThat(after.containsKey("cart")).isFalse();
        after.put("cart", "again");
        after.save();
        assertThat(engine.open(key)).containsEntry("user_id", 42).containsEntry("cart", "again");
    }

    @Test
    @DisplayName("E5 a database restart behind warm pooled connections: the first request afterwards still works")
    void e5_stalePooledConnectionsAreReplaced() {
        engine = startEngine();
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.save();
        String key = s.getSessionKey();
        // Connections just used are handed out again without a liveness check; cutting and restoring at
        // once leaves the pool holding only dead ones, as after a quick database restart.
        proxy.cut();
        restoreProxy();
        assertThat(engine.open(key).get("a")).isEqualTo(1);
        SessionStore writer = engine.open(key);
        writer.put("b", 2);
        proxy.cut();
        restoreProxy();
        writer.save();
        assertThat(engine.open(key)).containsEntry("a", 1).containsEntry("b", 2);
    }

    @Test
    @DisplayName("E5 an unreachable database fails at start-up with the URL, without the password")
    void e5_unreachableAtStartUp() {
        database().assumeUp();
        proxy = new TcpProxy(database().address().getHost(), database().port());
        proxy.cut();
        assertThatThrownBy(() -> DbEngine.create(SessionSettings.of(Map.of(
                "sessions.secret.key", "fault-secret-0123456789",
                "sessions.db.url", proxiedUrl(),
                "sessions.db.table", table,
                "sessions.db.pool.connection_timeout", "1000")), clock))
                .isInstanceOf(SessionStorageException.class)
                .hasMessageContaining("db engine")
                .hasMessageContaining("127.0.0.1:" + proxy.port())
                .hasMessageNotContaining(PASSWORD);
    }
}
