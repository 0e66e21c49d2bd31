package io.sessions4j.engine.cacheddb;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.SessionEngineContract;
import io.sessions4j.testkit.TestServices;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The contract on the production combination: Redis over PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisPostgresContractTest extends SessionEngineContract {
    private final String table = Backends.unique("cdb_contract_");
    private final String prefix = Backends.unique("test:cdb:") + ":";

    @AfterAll
    void cleanUp() {
        Backends.dropTable(table);
        Backends.deleteKeys(prefix);
    }

    @Override
    protected Map<String, String> engineProperties() {
        return Backends.redisOverPostgres(table, prefix, TestServices.redisUrl());
    }

    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        TestServices.assumePostgres();
        TestServices.assumeRedis();
        return CachedDbEngine.create(settings, clock);
    }

    /**
     * Redis expires keys by its own clock, which the test clock cannot move; so here C8 checks the
     * database side — what {@code clearExpired} is for — and that the live session survives. Real
     * TTL expiry in Redis is tested by the cache engine.
     */
    @Override
    @Test
    @DisplayName("C8 clearExpired removes expired rows from the database, keeps live ones, returns the count")
    protected void c8_clearExpired() {
        SessionStore live = savedStore(Map.of("live", true), null);
        SessionStore dying = savedStore(Map.of("live", false), 5);
        clock.advance(Duration.ofSeconds(6));
        assertThat(engine.needsClearExpired()).isTrue();
        assertThat(engine.clearExpired()).isGreaterThanOrEqualTo(1);
        CachedDbStorage storage = (CachedDbStorage) ((StorageSessionEngine) engine).storage();
        assertThat(storage.database().exists(dying.getSessionKey(), clock.instant())).isFalse();
        assertThat(storage.database().exists(live.getSessionKey(), clock.instant())).isTrue();
        assertThat(engine.open(live.getSessionKey()).get("live")).isEqualTo(true);
    }
}
