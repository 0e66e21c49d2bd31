package io.sessions4j.engine.cacheddb;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.InMemorySessionStorage;
import io.sessions4j.testkit.SessionEngineContract;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract over the write-through logic alone, both tiers in memory. */
class InMemoryTiersContractTest extends SessionEngineContract {
    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        return new StorageSessionEngine("cached_db", settings, clock,
                new CachedDbStorage(new InMemorySessionStorage(), new InMemorySessionStorage()));
    }

    @Override
    @Test
    @DisplayName("U9 each engine of this set-up gets in-memory tiers of its own: another instance neither sees nor revokes these sessions (two real nodes: RedisPostgresContractTest)")
    protected void u9_twoNodesShareTheIndex() {
        assertOtherInstanceIsSeparate();
    }
}
