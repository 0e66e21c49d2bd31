package io.sessions4j.engine.cacheddb;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.InMemorySessionStorage;
import io.sessions4j.testkit.SessionEngineContract;
import java.time.Clock;

/** The contract over the write-through logic alone, both tiers in memory. */
class InMemoryTiersContractTest extends SessionEngineContract {
    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        return new StorageSessionEngine("cached_db", settings, clock,
                new CachedDbStorage(new InMemorySessionStorage(), new InMemorySessionStorage()));
    }
}
