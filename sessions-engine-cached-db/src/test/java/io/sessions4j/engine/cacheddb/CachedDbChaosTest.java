package io.sessions4j.engine.cacheddb;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.OutageScenario;
import io.sessions4j.testkit.TcpProxy;
import io.sessions4j.testkit.TestServices;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chaos scenario ({@link OutageScenario}: 64 writers on one session, an outage in the middle) on cached_db
 * over Redis and PostgreSQL, each reached through its own {@link TcpProxy}: either tier is cut (connections
 * closed, new ones refused) or hangs (connections open, nothing answered).
 *
 * <p>A Redis outage costs no request anything but time: the database answers. A PostgreSQL outage fails
 * writes with SessionStorageException (503) while the cache still serves reads. The database's waits are
 * bounded by {@code sessions.db.timeout}; timeouts are short so the scenario takes seconds. The {@code @Timeout}
 * only guards against a hang.
 */
class CachedDbChaosTest {
    private final String table = Backends.unique("cdb_chaos_");
    private final String prefix = Backends.unique("test:cdbchaos:") + ":";
    private TcpProxy redisProxy;
    private TcpProxy postgresProxy;
    private StorageSessionEngine engine;

    @BeforeEach
    void start() {
        TestServices.assumePostgres();
        TestServices.assumeRedis();
        URI redis = URI.create(TestServices.redisUrl());
        redisProxy = new TcpProxy(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
        URI postgres = URI.create(TestServices.postgresUrl().substring("jdbc:".length()));
        postgresProxy = new TcpProxy(postgres.getHost(), postgres.getPort() < 0 ? 5432 : postgres.getPort());
        Map<String, String> props = new HashMap<>(
                Backends.redisOverPostgres(table, prefix, "redis://127.0.0.1:" + redisProxy.port()));
        props.put("sessions.secret.key", "cached-db-chaos-0123456789-abcdefghijklmnopqrstuvwxyz");
        props.put("sessions.db.url", "jdbc:postgresql://127.0.0.1:" + postgresProxy.port() + postgres.getRawPath()
                + "?" + postgres.getRawQuery());
        props.put("sessions.db.timeout", "2"); // E7: the engine's own bound on every JDBC wait
        props.put("sessions.db.pool.max", "16");
        props.put("sessions.cache.pool.max", "16");
        props.put("sessions.cache.pool.max_wait", "1000");
        engine = CachedDbEngine.create(SessionSettings.of(props), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (redisProxy != null) {
            redisProxy.close();
        }
        if (postgresProxy != null) {
            postgresProxy.close();
        }
        Backends.dropTable(table);
        Backends.deleteKeys(prefix);
    }

    @Test
    @Timeout(120)
    @DisplayName("G5/E5 Redis cut mid-run: every write confirmed from PostgreSQL, none lost, no resurrection")
    void redisCut() throws Exception {
        new OutageScenario("cached_db redis cut", engine,
                OutageScenario.Outage.of(redisProxy::cut, redisProxy::restore)).check();
    }

    @Test
    @Timeout(120)
    @DisplayName("G5/E7 Redis hangs mid-run: every write confirmed after the cache's read timeout, none lost, no resurrection")
    void redisHang() throws Exception {
        new OutageScenario("cached_db redis hang", engine,
                OutageScenario.Outage.of(redisProxy::hang, redisProxy::resume)).check();
    }

    @Test
    @Timeout(120)
    @DisplayName("E5 PostgreSQL cut mid-run: writes fail with SessionStorageException only, none confirmed is lost, recovery without restart")
    void postgresCut() throws Exception {
        new OutageScenario("cached_db postgres cut", engine,
                OutageScenario.Outage.of(postgresProxy::cut, postgresProxy::restore)).check();
    }

    @Test
    @Timeout(120)
    @DisplayName("E7 PostgreSQL hangs mid-run: writes fail within the socket timeout, none confirmed is lost, recovery without restart")
    void postgresHang() throws Exception {
        new OutageScenario("cached_db postgres hang", engine,
                OutageScenario.Outage.of(postgresProxy::hang, postgresProxy::resume)).check();
    }
}
