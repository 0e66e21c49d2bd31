package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionStore;
import io.sessions4j.testkit.SessionEngineContract;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract as the cache engine honours it, on every backend: the cache expires sessions by
 * itself, so C8 asserts that {@code clearExpired} does nothing and that expired sessions are gone
 * anyway.
 */
abstract class CacheEngineContract extends SessionEngineContract {

    /**
     * Lets {@code age} pass for the backend: the test clock for Ehcache, and real time as well for
     * Redis (which counts its own time). Returns once {@code dying} no longer exists.
     */
    protected abstract void letExpire(SessionStore dying, Duration age);

    @Override
    @Test
    @DisplayName("C8 the cache expires sessions itself: needsClearExpired false, clearExpired 0, expired sessions do not load")
    protected void c8_clearExpired() {
        SessionStore live = savedStore(Map.of("live", true), null);
        SessionStore dying = savedStore(Map.of("live", false), 1);
        assertThat(dying.exists(dying.getSessionKey())).isTrue();

        letExpire(dying, Duration.ofSeconds(2));

        assertThat(engine.needsClearExpired()).isFalse();
        assertThat(engine.clearExpired()).isZero();
        assertThat(dying.exists(dying.getSessionKey())).isFalse();
        assertThat(engine.open(dying.getSessionKey()).get("live")).isNull();
        assertThat(live.exists(live.getSessionKey())).isTrue();
        assertThat(engine.open(live.getSessionKey()).get("live")).isEqualTo(true);
    }
}
