package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    @DisplayName("U8b the heap index forgets sessions Ehcache itself drops (expiry, eviction), without being told")
    protected void u8b_indexForgetsWhatEhcacheDrops() {
        SessionEngine small = engineWith(Map.of("sessions.cache.max_entries", "8"));
        var index = (io.sessions4j.api.users.InMemoryPrincipalIndex) indexOf(small);
        String principal = newPrincipal();
        SessionStore dying = loggedIn(small, principal);
        dying.setExpiry(1);
        dying.save();
        assertThat(index.keys(principal)).containsExactly(dying.getSessionKey());
        clock.advance(Duration.ofSeconds(2));
        // Ehcache drops the expired entry without a word to the index; the next logins sweep it out.
        loggedIn(small, newPrincipal());
        assertThat(index.keys(principal)).isEmpty();

        // Eviction: 8 entries on the heap, 200 logins of different users. The index keeps every live session
        // and at most about as many stale ones (each login looks at two entries), not 200.
        List<SessionStore> logins = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            logins.add(loggedIn(small, newPrincipal()));
        }
        assertThat(index.principals()).isBetween(8, 2 * 8 + 2);
        SessionStore newest = logins.get(logins.size() - 1);
        assertThat(index.keys(newest.getPrincipal())).containsExactly(newest.getSessionKey());
        // clearExpired looks at every entry: only the sessions Ehcache still holds stay indexed.
        small.clearExpired();
        assertThat(index.principals()).isEqualTo(8);
    }

    /** A new session saved with a principal: one add to the cache (no key cycle an eviction could interrupt). */
    private static SessionStore loggedIn(SessionEngine on, String principal) {
        SessionStore s = on.open(null);
        s.put("cart", 1);
        s.setPrincipal(principal);
        s.save();
        return s;
    }

    private static io.sessions4j.api.users.PrincipalIndex indexOf(SessionEngine engine) {
        return ((io.sessions4j.engine.cache.CacheSessionStorage) ((io.sessions4j.api.StorageSessionEngine) engine)
                .storage()).principalIndex().orElseThrow();
    }
}
