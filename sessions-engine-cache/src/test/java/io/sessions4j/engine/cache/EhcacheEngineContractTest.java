package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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

    @Override
    @Test
    @DisplayName("U9 Ehcache is in-process: another instance neither sees nor revokes these sessions (two real nodes: RedisPostgresContractTest)")
    protected void u9_twoNodesShareTheIndex() {
        assertOtherInstanceIsSeparate();
    }

    @Test
    @DisplayName("U8b the heap index forgets entries Ehcache itself drops (expiry seen on access, eviction)")
    protected void u8b_indexFollowsEhcacheExpiry() {
        String principal = newPrincipal();
        SessionStore dying = engine.open(null);
        dying.setPrincipal(principal);
        dying.setExpiry(1);
        dying.save();
        var index = ((io.sessions4j.engine.cache.CacheSessionStorage) ((io.sessions4j.api.StorageSessionEngine) engine)
                .storage()).principalIndex().orElseThrow();
        assertThat(index.keys(principal)).containsExactly(dying.getSessionKey());
        clock.advance(Duration.ofSeconds(2));
        assertThat(dying.exists(dying.getSessionKey())).isFalse(); // Ehcache notices the expiry on access
        // The listener is asynchronous (a synchronous one made every write wait for Ehcache's event thread):
        // the index follows within moments, not within the call.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!index.keys(principal).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(index.keys(principal)).isEmpty();
    }
}
