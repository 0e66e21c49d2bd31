package io.sessions4j.engine.cache;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The contract (A, B, C, E1–E4) on the Ehcache backend; the test clock drives Ehcache's expiry. */
class EhcacheEngineContractTest extends CacheEngineContract {

    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        return new CacheEngineProvider().create(settings, clock);
    }

    @Override
    protected Map<String, String> engineProperties() {
        return Map.of("sessions.engine", "cache", "sessions.cache.backend", "ehcache");
    }

    @Override
    protected void letExpire(SessionStore dying, Duration age) {
        clock.advance(age); // Ehcache reads time from the engine's clock: no sleeping
    }
}
