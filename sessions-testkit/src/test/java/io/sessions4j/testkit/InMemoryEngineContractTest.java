package io.sessions4j.testkit;


import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.StorageSessionEngine;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Proves the contract itself on the simplest correct engine. */
class InMemoryEngineContractTest extends SessionEngineContract {
    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        return new StorageSessionEngine("memory", settings, clock, new InMemorySessionStorage());
    }

    @Override
    @Test
    @DisplayName("U9 each in-memory engine is its own node: another instance neither sees nor revokes these sessions (two real nodes: RedisPostgresContractTest)")
    protected void u9_twoNodesShareTheIndex() {
        assertOtherInstanceIsSeparate();
    }
}
