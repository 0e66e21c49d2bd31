package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.http.SessionLifecycle;
import io.sessions4j.testkit.LifecycleRequests;
import io.sessions4j.testkit.RecordingResponseHeaders;
import io.sessions4j.testkit.SessionEngineContract;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract (CONFORMANCE A, B, C, E1–E4) for engine {@code signed_cookies}. Items a client-side store
 * cannot honour are overridden with a test of what it does instead: there is no server state, so
 * {@code exists} is always false, nothing can be deleted or revoked, an old cookie stays valid until it
 * expires (it is a bearer token), and concurrent requests never conflict — each gets its own cookie.
 *
 * <p>Lives in the testkit's package only because the contract's test methods are package-private,
 * and Java lets a subclass override those only from the same package.
 */
class SignedCookieEngineContractTest extends SessionEngineContract {
    /** A cookie made by Django's signed_cookies backend / by this engine: payload, timestamp, HMAC-SHA256. */
    private static final String SIGNED_COOKIE = "\\.?[A-Za-z0-9_-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]{43}";

    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        return SignedCookieEngine.create(SessionContext.create(settings, clock));
    }

    @Override
    @Test
    @DisplayName("A9 after save, exists is false (no server state) and the data is readable from the store and the cookie")
    protected void a9_saveThenExists() {
        SessionStore s = engine.open(null);
        s.put("k", "v");
        s.save();
        assertThat(s.getSessionKey()).isNotNull();
        assertThat(s.exists(s.getSessionKey())).isFalse();
        assertThat(s.get("k")).isEqualTo("v");
        assertThat(engine.open(s.getSessionKey()).get("k")).isEqualTo("v");
    }

    @Override
    @Test
    @DisplayName("A10 delete(key) cannot revoke a cookie; delete() empties this session; with no key does nothing")
    protected void a10_delete() {
        SessionStore s = engine.open(null);
        s.delete();
        assertThat(s.isModified()).isFalse();
        assertThat(s.isAccessed()).isFalse();
        s.put("k", "v");
        s.save();
        String key = s.getSessionKey();

        s.delete(key);
        assertThat(s.exists(key)).isFalse();
        assertThat(engine.open(key).get("k")).as("a cookie is a bearer token").isEqualTo("v");

        s.delete();
        assertThat(s.getSessionKey()).isNull();
        assertThat(s.keySet()).isEmpty();
        assertThat(s.isModified()).isTrue();
        assertThat(s.isEmpty()).isTrue();
    }

    @Override
    @Test
    @DisplayName("A11 flush: no key, empty, accessed and modified; the lifecycle deletes the cookie; the old value stays valid")
    protected void a11_flush() {
        String key = saved(Map.of("foo", "bar"));
        LifecycleRequests requests = new LifecycleRequests(new SessionLifecycle(engine));
        SessionStore s = requests.open(List.of(key));
        s.flush();
        assertThat(s.exists(key)).isFalse();
        assertThat(s.getSessionKey()).isNull();
        assertThat(s.isAccessed()).isTrue();
        assertThat(s.isModified()).isTrue();
        assertThat(s.keySet()).isEmpty();

        RecordingResponseHeaders outcome = requests.finish(s, 200);
        assertThat(outcome.setCookies()).singleElement().asString()
                .startsWith("sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/");

        // Nothing is stored on the server, so a copy of the old cookie still works until it expires.
        assertThat(engine.open(key).get("foo")).isEqualTo("bar");
    }

    @Override
    @Test
    @DisplayName("A12 cycleKey re-signs the same data (also never loaded); the old value stays valid until it expires")
    protected void a12_cycleKey() {
        String oldKey = saved(Map.of("a", "c", "b", "d"));
        clock.advance(Duration.ofSeconds(1)); // a new signature needs a new timestamp or new data
        SessionStore s = engine.open(oldKey); // not loaded yet
        s.cycleKey();
        assertThat(s.getSessionKey()).isNotNull().isNotEqualTo(oldKey).matches(SIGNED_COOKIE);
        assertThat(s.exists(oldKey)).isFalse();
        assertThat(s.isModified()).isTrue();
        assertThat(s.get("a")).isEqualTo("c");
        assertThat(s.get("b")).isEqualTo("d");
        assertThat(engine.open(s.getSessionKey())).containsExactlyInAnyOrderEntriesOf(Map.of("a", "c", "b", "d"));
        assertThat(engine.open(oldKey).get("a")).as("a cookie is a bearer token").isEqualTo("c");
    }

    @Override
    @Test
    @DisplayName("B5 the key is the signed payload, not a random 32-character key")
    protected void b5_generatedKeys() {
        SessionStore s = engine.open(null);
        s.put("k", 1);
        s.save();
        assertThat(s.getSessionKey()).matches(SIGNED_COOKIE).doesNotMatch("[a-z0-9]{32}");
    }

    @Override
    @Test
    @DisplayName("C8 clearExpired is a no-op returning 0 (needsClearExpired false); expired cookies simply stop loading")
    protected void c8_clearExpired() {
        SessionStore live = savedStore(Map.of("live", true), null);
        SessionStore dying = savedStore(Map.of("live", false), 5);
        clock.advance(Duration.ofSeconds(6));
        assertThat(engine.needsClearExpired()).isFalse();
        assertThat(engine.clearExpired()).isZero();
        assertThat(live.exists(live.getSessionKey())).isFalse();
        assertThat(engine.open(dying.getSessionKey()).get("live")).isNull();
        assertThat(engine.open(live.getSessionKey()).get("live")).isEqualTo(true);
    }

    @Override
    @Test
    @DisplayName("E1 no server state: a delete in another request cannot interrupt a save; each request keeps its own cookie")
    protected void e1_deletedMeanwhile() {
        String key = saved(Map.of("a", 1));
        SessionStore a = engine.open(key);
        a.get("a");
        SessionStore b = engine.open(key);
        b.delete();
        assertThat(b.getSessionKey()).isNull();
        assertThat(b.keySet()).isEmpty();

        a.put("b", 2);
        a.save();
        assertThat(engine.open(a.getSessionKey())).containsEntry("a", 1).containsEntry("b", 2);
        assertThat(engine.open(key)).containsOnlyKeys("a");
    }

    @Override
    @Test
    @DisplayName("E6 no server state: a logout elsewhere cannot be seen, so cycleKey signs a new cookie; the old one stays a bearer token")
    protected void e6_cycleKeyAfterConcurrentDelete() {
        String key = saved(Map.of("user", "alice"));
        SessionStore a = engine.open(key);
        assertThat(a.get("user")).isEqualTo("alice");
        engine.open(key).flush();
        clock.advance(Duration.ofSeconds(1)); // a new signature needs a new timestamp or new data
        a.cycleKey();
        assertThat(a.getSessionKey()).isNotEqualTo(key);
        assertThat(engine.open(a.getSessionKey()).get("user")).isEqualTo("alice");
        assertThat(engine.open(key).get("user")).as("a cookie cannot be revoked").isEqualTo("alice");
    }

    @Override
    @Test
    @DisplayName("E6 cycleKey after a concurrent change: each request signs its own cookie")
    protected void e6_cycleKeyAfterConcurrentChange() {
        String key = saved(Map.of("user", "alice"));
        SessionStore a = engine.open(key);
        a.get("user");
        clock.advance(Duration.ofSeconds(1)); // a new signature needs a new timestamp or new data
        a.cycleKey();
        assertThat(a.getSessionKey()).isNotEqualTo(key);
        assertThat(engine.open(a.getSessionKey()).get("user")).isEqualTo("alice");
    }

    @Override
    @Test
    @DisplayName("E2 save(mustCreate) cannot collide: it signs a new cookie; create() does the same")
    protected void e2_mustCreate() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        s.put("b", 2);
        s.save(true);
        String created = s.getSessionKey();
        assertThat(created).isNotEqualTo(key);
        assertThat(engine.open(created)).containsEntry("a", 1).containsEntry("b", 2);
        assertThat(engine.open(key).get("b")).isNull();

        clock.advance(Duration.ofSeconds(1));
        s.create();
        assertThat(s.getSessionKey()).isNotEqualTo(created).isNotEqualTo(key);
        assertThat(engine.open(s.getSessionKey()).get("b")).isEqualTo(2);
    }

    @Override
    @Test
    @DisplayName("E3 concurrent requests each get their own cookie with their own change; the browser keeps the last")
    protected void e3_noLostUpdates() throws Exception {
        String key = saved(Map.of("base", 0));
        List<String> cookies = concurrently(key, id -> Map.of("k" + id, id));
        for (int i = 0; i < cookies.size(); i++) {
            SessionStore after = engine.open(cookies.get(i));
            assertThat(after).as("cookie of request %d", i).containsOnlyKeys("base", "k" + i).containsEntry("k" + i, i);
        }
        assertThat(engine.open(key)).containsOnlyKeys("base");
    }

    @Override
    @Test
    @DisplayName("E4 concurrent requests putting the same key: every cookie is decodable and holds its own value")
    protected void e4_sameKeyOneWins() throws Exception {
        String key = saved(Map.of("base", 0));
        List<String> cookies = concurrently(key, id -> Map.of("same", id));
        for (int i = 0; i < cookies.size(); i++) {
            assertThat(engine.open(cookies.get(i))).as("cookie of request %d", i)
                    .containsEntry("same", i).containsEntry("base", 0);
        }
        assertThat(engine.open(key).get("same")).isNull();
    }

    private List<String> concurrently(String key, IntFunction<Map<String, Object>> change) throws Exception {
        return concurrently(key, concurrency(), (s, id) -> s.putAll(change.apply(id))).stream()
                .map(SessionStore::getSessionKey).toList();
    }

    /** No server state: nothing to index by user (events are told as for every engine). */
    @Override
    protected boolean indexesByUser() {
        return false;
    }

    @Override
    @Test
    @DisplayName("U6 sessions.max_per_user fails at start-up: a cookie engine cannot count a user's sessions")
    protected void u6_capRevokesOldest() {
        assertThatThrownBy(() -> engineWith(Map.of("sessions.max_per_user", "2")))
                .isInstanceOf(io.sessions4j.api.SessionConfigurationException.class)
                .hasMessageContaining("sessions.max_per_user");
    }
}
