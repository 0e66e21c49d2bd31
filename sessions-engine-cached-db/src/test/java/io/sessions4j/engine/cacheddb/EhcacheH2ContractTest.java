package io.sessions4j.engine.cacheddb;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.SessionEngineContract;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract on the embedded combination: Ehcache in-process over H2 in memory. */
class EhcacheH2ContractTest extends SessionEngineContract {
    @Override
    protected Map<String, String> engineProperties() {
        return Backends.ehcacheOverH2(Backends.unique("cdb"));
    }

    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        return CachedDbEngine.create(settings, clock);
    }

    @Override
    @Test
    @DisplayName("U9 each engine of this set-up gets an H2 database of its own: another instance neither sees nor revokes these sessions (two real nodes: RedisPostgresContractTest)")
    protected void u9_twoNodesShareTheIndex() {
        assertOtherInstanceIsSeparate();
    }
}
