package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.CreateException;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.UpdateException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.sessions4j.api.TooManySessionsException;
import io.sessions4j.api.events.SessionEvent;
import io.sessions4j.api.events.SessionEvents;
import io.sessions4j.api.events.SessionListener;
import io.sessions4j.api.users.SessionHandles;
import io.sessions4j.api.users.SessionsByUser;
import io.sessions4j.api.users.UserSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every engine must show: Django's {@code SessionTestsMixin} in Java, items A, B, C
 * and E of the conformance checklist. An engine's test class extends this and builds its engine
 * in {@link #createEngine}; an item the engine cannot honour is overridden by a test that asserts
 * what the engine does instead.
 *
 * <p>One engine is built per test class (pools are expensive); every test uses fresh sessions.
 * The clock starts at the current time, whole seconds, and is moved by the expiry tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SessionEngineContract {
    /** The secret the contract's engines sign with. */
    protected static final String SECRET = "contract-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    protected static final int COOKIE_AGE = 1209600;

    protected MutableClock clock;
    protected SessionEngine engine;
    private final List<SessionEngine> extraEngines = new ArrayList<>();

    /** Builds the engine under test from the contract's settings (plus {@link #engineProperties()}). */
    protected abstract SessionEngine createEngine(SessionSettings settings, Clock clock);

    /** Engine-specific settings, e.g. a database URL. */
    protected Map<String, String> engineProperties() {
        return Map.of();
    }

    /** The settings the contract uses, with {@code overrides} applied. */
    protected SessionSettings settings(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("sessions.secret.key", SECRET);
        props.putAll(engineProperties());
        props.putAll(overrides);
        return SessionSettings.of(props);
    }

    /** A second engine with other settings, closed after the class. */
    protected SessionEngine engineWith(Map<String, String> overrides) {
        SessionEngine other = createEngine(settings(overrides), clock);
        extraEngines.add(other);
        return other;
    }

    @BeforeAll
    protected void startEngine() {
        clock = MutableClock.startingNow();
        engine = createEngine(settings(Map.of()), clock);
    }

    @BeforeEach
    protected void resetClock() {
        clock.set(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    }

    @AfterAll
    protected void stopEngine() {
        extraEngines.forEach(SessionEngine::close);
        if (engine != null) {
            engine.close();
        }
    }

    /** A saved session holding {@code data}; returns its key. */
    protected String saved(Map<String, Object> data) {
        return savedStore(data, null).getSessionKey();
    }

    /** A saved session holding {@code data}, expiring after {@code expirySeconds} when not null. */
    protected SessionStore savedStore(Map<String, Object> data, Integer expirySeconds) {
        SessionStore s = engine.open(null);
        s.putAll(data);
        if (expirySeconds != null) {
            s.setExpiry(expirySeconds.longValue());
        }
        s.save();
        return s;
    }

    /**
     * Runs {@code n} requests on the session {@code key} at once: each opens its own store, reads,
     * waits until all have read the same version, then applies {@code change} (with its index) and
     * saves. Returns the stores in index order.
     */
    protected List<SessionStore> concurrently(String key, int n, java.util.function.ObjIntConsumer<SessionStore> change)
            throws Exception {
        CyclicBarrier loaded = new CyclicBarrier(n);
        List<Callable<SessionStore>> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            requests.add(() -> {
                SessionStore s = engine.open(key);
                s.get("base");
                loaded.await(10, TimeUnit.SECONDS); // everyone has read the same version
                change.accept(s, id);
                s.save();
                return s;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<SessionStore> stores = new ArrayList<>();
            for (Future<SessionStore> f : pool.invokeAll(requests, 60, TimeUnit.SECONDS)) {
                stores.add(f.get());
            }
            return stores;
        } finally {
            pool.shutdownNow();
        }
    }

    // --- A. Store API -------------------------------------------------------------------------

    @Test
    @DisplayName("A1 a new store is neither accessed nor modified")
    protected void a1_newStoreIsNeitherAccessedNorModified() {
        SessionStore s = engine.open(null);
        assertThat(s.isAccessed()).isFalse();
        assertThat(s.isModified()).isFalse();
    }

    @Test
    @DisplayName("A2 get of a missing key returns null or the default; accessed, not modified")
    protected void a2_getMissingKey() {
        SessionStore s = engine.open(null);
        assertThat(s.get("cat")).isNull();
        assertThat(s.getOrDefault("cat", "dog")).isEqualTo("dog");
        assertThat(s.isAccessed()).isTrue();
        assertThat(s.isModified()).isFalse();
    }

    @Test
    @DisplayName("A3 put sets modified, reads back; pop returns and removes")
    protected void a3_putAndPop() {
        SessionStore s = engine.open(null);
        s.put("some key", 1);
        assertThat(s.isAccessed()).isTrue();
        assertThat(s.isModified()).isTrue();
        assertThat(s.get("some key")).isEqualTo(1);
        assertThat(s.pop("some key")).isEqualTo(1);
        assertThat(s.get("some key")).isNull();
    }

    @Test
    @DisplayName("A4 pop of a missing key: without default throws; with default returns it, not modified")
    protected void a4_popMissingKey() {
        SessionStore s = engine.open(null);
        assertThatThrownBy(() -> s.pop("missing")).isInstanceOf(NoSuchElementException.class);
        assertThat(s.pop("missing", "default")).isEqualTo("default");
        assertThat(s.isAccessed()).isTrue();
        assertThat(s.isModified()).isFalse();

        SessionStore existing = engine.open(saved(Map.of("x", "y")));
        assertThat(existing.pop("x")).isEqualTo("y");
        assertThat(existing.isAccessed()).isTrue();
        assertThat(existing.isModified()).isTrue();
    }

    @Test
    @DisplayName("A5 setDefault stores when absent, returns the stored value when present")
    protected void a5_setDefault() {
        SessionStore s = engine.open(null);
        assertThat(s.setDefault("foo", "bar")).isEqualTo("bar");
        assertThat(s.get("foo")).isEqualTo("bar");
        assertThat(s.isModified()).isTrue();

        SessionStore reopened = engine.open(saved(Map.of("foo", "stored")));
        assertThat(reopened.setDefault("foo", "other")).isEqualTo("stored");
        assertThat(reopened.isAccessed()).isTrue();
        assertThat(reopened.isModified()).isFalse();
    }

    @Test
    @DisplayName("A6 putAll always sets modified, even for an empty map")
    protected void a6_putAllAlwaysModifies() {
        SessionStore s = engine.open(null);
        s.putAll(Map.of());
        assertThat(s.isAccessed()).isTrue();
        assertThat(s.isModified()).isTrue();
        s.putAll(Map.of("a", 1, "b", 2));
        assertThat(s.get("a")).isEqualTo(1);
        assertThat(s.get("b")).isEqualTo(2);
    }

    @Test
    @DisplayName("A7 containsKey and the views: accessed, not modified, read-only")
    protected void a7_viewsAreReadOnly() {
        SessionStore s = engine.open(saved(Map.of("x", 1, "y", 2)));
        assertThat(s.containsKey("x")).isTrue();
        assertThat(s.keySet()).containsExactlyInAnyOrder("x", "y");
        assertThat(s.values()).containsExactlyInAnyOrder(1, 2);
        assertThat(s.entrySet()).hasSize(2);
        assertThat(s.isAccessed()).isTrue();
        assertThat(s.isModified()).isFalse();
        assertThatThrownBy(() -> s.keySet().remove("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.entrySet().iterator().next().setValue(9))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(s.get("x")).isEqualTo(1);
        assertThat(s.isModified()).isFalse();
    }

    @Test
    @DisplayName("A8 clear empties without loading; accessed and modified")
    protected void a8_clear() {
        String key = saved(Map.of("x", 1));
        SessionStore s = engine.open(key);
        s.clear();
        assertThat(s.isAccessed()).isTrue();
        assertThat(s.isModified()).isTrue();
        assertThat(s.keySet()).isEmpty();
        s.save();
        assertThat(engine.open(s.getSessionKey()).keySet()).isEmpty();
    }

    @Test
    @DisplayName("A9 after save, exists is true and the data is still readable from the same store")
    protected void a9_saveThenExists() {
        SessionStore s = engine.open(null);
        s.put("k", "v");
        s.save();
        assertThat(s.exists(s.getSessionKey())).isTrue();
        assertThat(s.get("k")).isEqualTo("v");
        assertThat(engine.open(s.getSessionKey()).get("k")).isEqualTo("v");
    }

    @Test
    @DisplayName("A10 delete(key) removes; delete() with no key does nothing")
    protected void a10_delete() {
        SessionStore s = engine.open(null);
        s.delete();
        s.put("k", "v");
        s.save();
        String key = s.getSessionKey();
        s.delete(key);
        assertThat(s.exists(key)).isFalse();
    }

    @Test
    @DisplayName("A11 flush deletes the old key; no key; accessed and modified")
    protected void a11_flush() {
        SessionStore s = engine.open(saved(Map.of("foo", "bar")));
        String key = s.getSessionKey();
        s.flush();
        assertThat(s.exists(key)).isFalse();
        assertThat(s.getSessionKey()).isNull();
        assertThat(s.isAccessed()).isTrue();
        assertThat(s.isModified()).isTrue();
        assertThat(s.keySet()).isEmpty();
        assertThat(engine.open(key).get("foo")).isNull();
    }

    @Test
    @DisplayName("A12 cycleKey: new key, old key gone, data unchanged (also when never loaded)")
    protected void a12_cycleKey() {
        String oldKey = saved(Map.of("a", "c", "b", "d"));
        SessionStore s = engine.open(oldKey); // not loaded yet
        s.cycleKey();
        assertThat(s.getSessionKey()).isNotNull().isNotEqualTo(oldKey);
        assertThat(s.exists(oldKey)).isFalse();
        assertThat(s.get("a")).isEqualTo("c");
        assertThat(s.get("b")).isEqualTo("d");
        assertThat(engine.open(s.getSessionKey()).get("a")).isEqualTo("c");
        assertThat(engine.open(oldKey).get("a")).isNull();
    }

    @Test
    @DisplayName("A12 cycleKey on a loaded, modified session keeps the change")
    protected void a12_cycleKeyAfterChange() {
        SessionStore s = engine.open(saved(Map.of("a", 1)));
        s.put("b", 2);
        s.cycleKey();
        s.save();
        assertThat(engine.open(s.getSessionKey())).containsEntry("a", 1).containsEntry("b", 2);
    }

    @Test
    @DisplayName("A13 test cookie: set, worked, delete; deleting a missing one throws")
    protected void a13_testCookie() {
        SessionStore s = engine.open(null);
        s.setTestCookie();
        assertThat(s.testCookieWorked()).isTrue();
        s.deleteTestCookie();
        assertThat(s.containsKey(SessionStore.TEST_COOKIE_NAME)).isFalse();
        assertThat(s.testCookieWorked()).isFalse();
        assertThatThrownBy(s::deleteTestCookie).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    @DisplayName("A14 isEmpty: true for a new store without key, false once a key exists")
    protected void a14_isEmpty() {
        SessionStore s = engine.open(null);
        assertThat(s.isEmpty()).isTrue();
        s.put("k", "v");
        assertThat(s.isEmpty()).isFalse();
        s.save();
        assertThat(s.isEmpty()).isFalse();
        assertThat(engine.open(s.getSessionKey()).isEmpty()).isFalse();
    }

    /** A record read back with {@code get(key, Type)}. */
    public record Cart(String sku, int qty, double price) {
    }

    @Test
    @DisplayName("A15 values round-trip as JSON types; get(key, type) converts")
    protected void a15_jsonRoundTrip() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, "two", List.of(3.5, false)));
        nested.put("null", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", "héllo wörld ✓ 用户");
        data.put("astral", "emoji \uD83D\uDE00 and \uD834\uDD1E");
        data.put("big", 1L << 40);
        data.put("negative", -7);
        data.put("decimal", 94.97);
        data.put("yes", true);
        data.put("nothing", null);
        data.put("nested", nested);
        data.put("cart", new Cart("abc", 2, 9.5));
        String key = saved(data);

        SessionStore s = engine.open(key);
        assertThat(s.get("text")).isEqualTo("héllo wörld ✓ 用户");
        assertThat(s.get("astral")).isEqualTo("emoji \uD83D\uDE00 and \uD834\uDD1E");
        assertThat(((Number) s.get("big")).longValue()).isEqualTo(1L << 40);
        assertThat(s.get("negative")).isEqualTo(-7);
        assertThat(s.get("decimal")).isEqualTo(94.97);
        assertThat(s.get("yes")).isEqualTo(true);
        assertThat(s.containsKey("nothing")).isTrue();
        assertThat(s.get("nothing")).isNull();
        assertThat(s.get("nested")).isEqualTo(nested);
        assertThat(s.get("cart")).isInstanceOf(Map.class);
        assertThat(s.get("cart", Cart.class)).isEqualTo(new Cart("abc", 2, 9.5));
        assertThat(s.get("big", Long.class)).isEqualTo(1L << 40);
    }

    // --- B. Keys --------------------------------------------------------------------------------

    @Test
    @DisplayName("B1 null, empty or short client keys are treated as no key")
    protected void b1_shortKeysAreNoKey() {
        for (String bad : new String[] {null, "", "a", "abcdefg"}) {
            SessionStore s = engine.open(bad);
            assertThat(s.getSessionKey()).as("key %s", bad).isNull();
            assertThat(s.get("x")).isNull();
            assertThat(s.exists(bad)).isFalse();
        }
    }

    @Test
    @DisplayName("B2 keys with other characters or over 40 long are treated as no key")
    protected void b2_malformedKeysAreNoKey() {
        for (String bad : new String[] {"../../etc/passwd", "a/b/c/d/e/f/g", "a\\b\\c\\d\\e\\f", "%2e%2e%2fabcdef",
                "abcdefgh\u0000ijkl", "ABCDEFGHIJKL", "abcdefgh ijklmn", "x".repeat(41), "k".repeat(10_000)}) {
            SessionStore s = engine.open(bad);
            assertThat(s.getSessionKey()).as("key %s", bad).isNull();
            assertThat(s.get("x")).isNull();
            assertThat(s.exists(bad)).isFalse();
            s.delete(bad); // must not throw or touch anything
        }
    }

    @Test
    @DisplayName("B3 saving under an unknown key never adopts it")
    protected void b3_unknownKeyIsNeverAdopted() {
        String forged = "attackerchosenkey0123456789";
        SessionStore s = engine.open(forged);
        s.put("user_id", 42);
        s.save();
        assertThat(s.getSessionKey()).isNotNull().isNotEqualTo(forged);
        assertThat(s.exists(forged)).isFalse();
        assertThat(engine.open(forged).get("user_id")).isNull();
    }

    @Test
    @DisplayName("B4 loading an unknown or expired key creates nothing; no key and empty data")
    protected void b4_loadUnknownCreatesNothing() {
        String unknown = "unknownkey00000000000000000000000";
        SessionStore s = engine.open(unknown);
        assertThat(s.keySet()).isEmpty();
        assertThat(s.getSessionKey()).isNull();
        assertThat(s.exists(unknown)).isFalse();

        SessionStore expiring = engine.open(null);
        expiring.put("x", 1);
        expiring.setExpiry(Duration.ofSeconds(-10));
        expiring.save();
        SessionStore expired = engine.open(expiring.getSessionKey());
        assertThat(expired.keySet()).isEmpty();
        assertThat(expired.getSessionKey()).isNull();
    }

    @Test
    @DisplayName("B5 generated keys are 32 characters of [a-z0-9]")
    protected void b5_generatedKeys() {
        SessionStore s = engine.open(null);
        s.put("k", 1);
        s.save();
        assertThat(s.getSessionKey()).matches("[a-z0-9]{32}");
    }

    @Test
    @DisplayName("B6 the session key cannot be set from outside the store")
    protected void b6_keyNotSettable() {
        SessionStore s = engine.open(null);
        for (Method m : s.getClass().getMethods()) {
            if (m.getName().toLowerCase().contains("setsessionkey") || m.getName().equals("setKey")) {
                assertThat(Modifier.isPublic(m.getModifiers())).as(m.toString()).isFalse();
            }
        }
    }

    // --- C. Expiry ------------------------------------------------------------------------------

    @Test
    @DisplayName("C1 default expiry age is the cookie age; setExpiry(0) keeps it")
    protected void c1_defaultExpiryAge() {
        SessionStore s = engine.open(null);
        assertThat(s.getExpiryAge()).isEqualTo(COOKIE_AGE);
        assertThat(s.getExpiryDate()).isEqualTo(clock.instant().plusSeconds(COOKIE_AGE));
        s.setExpiry(0);
        assertThat(s.getExpiryAge()).isEqualTo(COOKIE_AGE);
    }

    @Test
    @DisplayName("C2 setExpiry(seconds): date = modification + seconds; age = seconds")
    protected void c2_expirySeconds() {
        SessionStore s = engine.open(null);
        s.setExpiry(10);
        assertThat(s.getExpiryAge()).isEqualTo(10);
        assertThat(s.getExpiryDate()).isEqualTo(clock.instant().plusSeconds(10));
        assertThat(s.get(SessionStore.EXPIRY_KEY)).isEqualTo(10L);
    }

    @Test
    @DisplayName("C3 setExpiry(Duration) and setExpiry(Instant) give the same date, stored as ISO-8601")
    protected void c3_expiryDate() {
        SessionStore a = engine.open(null);
        a.setExpiry(Duration.ofSeconds(10));
        SessionStore b = engine.open(null);
        b.setExpiry(clock.instant().plusSeconds(10));
        assertThat(a.getExpiryDate()).isEqualTo(clock.instant().plusSeconds(10)).isEqualTo(b.getExpiryDate());
        assertThat(a.getExpiryAge()).isEqualTo(10);
        assertThat(a.get(SessionStore.EXPIRY_KEY)).isInstanceOf(String.class);
        assertThat((String) a.get(SessionStore.EXPIRY_KEY)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00");
        a.save();
        assertThat(engine.open(a.getSessionKey()).getExpiryDate()).isEqualTo(clock.instant().plusSeconds(10));
    }

    @Test
    @DisplayName("C4 setExpiry(null) restores the global policy")
    protected void c4_expiryNull() {
        SessionStore s = engine.open(null);
        s.setExpiry(10);
        s.setExpiry((Object) null);
        assertThat(s.getExpiryAge()).isEqualTo(COOKIE_AGE);
        assertThat(s.containsKey(SessionStore.EXPIRY_KEY)).isFalse();
    }

    @Test
    @DisplayName("C5 getExpireAtBrowserClose with the setting false and true")
    protected void c5_expireAtBrowserClose() {
        SessionStore s = engine.open(null);
        s.setExpiry(10);
        assertThat(s.getExpireAtBrowserClose()).isFalse();
        s.setExpiry(0);
        assertThat(s.getExpireAtBrowserClose()).isTrue();
        s.setExpiry((Object) null);
        assertThat(s.getExpireAtBrowserClose()).isFalse();

        SessionStore t = engineWith(Map.of("sessions.expire_at_browser_close", "true")).open(null);
        t.setExpiry(10);
        assertThat(t.getExpireAtBrowserClose()).isFalse();
        t.setExpiry(0);
        assertThat(t.getExpireAtBrowserClose()).isTrue();
        t.setExpiry((Object) null);
        assertThat(t.getExpireAtBrowserClose()).isTrue();
    }

    @Test
    @DisplayName("C6 a session saved with an expiry in the past does not load")
    protected void c6_pastExpiryDoesNotLoad() {
        SessionStore s = engine.open(null);
        s.put("foo", "bar");
        s.setExpiry(Duration.ofSeconds(-10));
        s.save();
        SessionStore reopened = engine.open(s.getSessionKey());
        assertThat(reopened.containsKey("foo")).isFalse();
    }

    @Test
    @DisplayName("C7 expiry ages floor toward minus infinity")
    protected void c7_flooring() {
        SessionStore s = engine.open(null);
        s.setExpiry(clock.instant().minusMillis(500));
        assertThat(s.getExpiryAge()).isEqualTo(-1);
        s.setExpiry(clock.instant().plusMillis(1500));
        assertThat(s.getExpiryAge()).isEqualTo(1);
    }

    @Test
    @DisplayName("C9 setExpiry out of range is refused at once; an out-of-range stored expiry is clamped and saves")
    protected void c9_expiryRange() {
        SessionStore s = engine.open(null);
        for (long seconds : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, (long) 1e17, 10_000_000_000_000L, 315_360_000_000L}) {
            assertThatThrownBy(() -> s.setExpiry(seconds)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("out of range");
        }
        for (Instant at : List.of(Instant.parse("+12345-01-01T00:00:00Z"), Instant.MAX, Instant.MIN)) {
            assertThatThrownBy(() -> s.setExpiry(at)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> s.setExpiry(Duration.ofSeconds(Long.MAX_VALUE))).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.containsKey(SessionStore.EXPIRY_KEY)).isFalse();

        // Data written by another program, bypassing setExpiry: clamped to 9999-12-31T23:59:59Z, stored, read back.
        s.put(SessionStore.EXPIRY_KEY, 10_000_000_000_000L);
        s.put("k", "v");
        s.save();
        SessionStore reopened = engine.open(s.getSessionKey());
        assertThat(reopened.get("k")).isEqualTo("v");
        assertThat(reopened.getExpiryDate()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(reopened.getExpiryAge()).isPositive();
    }

    @Test
    @DisplayName("C8 clearExpired removes expired sessions, keeps live ones, returns the count")
    protected void c8_clearExpired() {
        SessionStore live = savedStore(Map.of("live", true), null);
        SessionStore dying = savedStore(Map.of("live", false), 5);
        clock.advance(Duration.ofSeconds(6));
        assertThat(engine.needsClearExpired()).isTrue();
        long removed = engine.clearExpired();
        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(live.exists(live.getSessionKey())).isTrue();
        assertThat(dying.exists(dying.getSessionKey())).isFalse();
        assertThat(engine.open(live.getSessionKey()).get("live")).isEqualTo(true);
    }

    // --- E. Concurrency and integrity -------------------------------------------------------

    @Test
    @DisplayName("E1 a session deleted by another request is not resurrected: UpdateException")
    protected void e1_deletedMeanwhile() {
        String key = saved(Map.of("a", 1));
        SessionStore a = engine.open(key);
        a.get("a");
        SessionStore b = engine.open(key);
        b.delete();
        a.put("b", 2);
        assertThatThrownBy(a::save).isInstanceOf(UpdateException.class);
        assertThat(a.exists(key)).isFalse();
        assertThat(engine.open(key).keySet()).isEmpty();
    }

    @Test
    @DisplayName("E6 cycleKey after another request deleted the session (a logout) fails; nothing is stored under a new key")
    protected void e6_cycleKeyAfterConcurrentDelete() {
        String key = saved(Map.of("user", "alice"));
        SessionStore a = engine.open(key);
        assertThat(a.get("user")).isEqualTo("alice");
        engine.open(key).flush(); // request B: logout
        assertThatThrownBy(a::cycleKey).isInstanceOf(UpdateException.class);
        assertThat(a.getSessionKey()).as("no key survives the failed rotation").isNull();
        assertThat(engine.open(key).keySet()).isEmpty();
        assertThat(a.exists(key)).isFalse();
        a.put("after", true);
        a.save(); // whatever the application does next is a brand-new, empty-keyed session
        assertThat(engine.open(a.getSessionKey())).doesNotContainKey("user");
    }

    @Test
    @DisplayName("E6 cycleKey of a live session still works when it was changed (not deleted) meanwhile")
    protected void e6_cycleKeyAfterConcurrentChange() {
        String key = saved(Map.of("user", "alice"));
        SessionStore a = engine.open(key);
        a.get("user");
        SessionStore b = engine.open(key);
        b.put("cart", 1);
        b.save();
        a.cycleKey();
        assertThat(a.getSessionKey()).isNotEqualTo(key);
        assertThat(engine.open(a.getSessionKey()).get("user")).isEqualTo("alice");
        assertThat(a.exists(key)).isFalse();
    }

    @Test
    @DisplayName("E2 save(mustCreate) on an existing key throws CreateException; create() picks a new key")
    protected void e2_mustCreate() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        s.put("b", 2);
        assertThatThrownBy(() -> s.save(true)).isInstanceOf(CreateException.class);
        assertThat(engine.open(key).get("b")).isNull();
        s.create();
        assertThat(s.getSessionKey()).isNotEqualTo(key);
        assertThat(engine.open(s.getSessionKey()).get("b")).isEqualTo(2);
    }

    /** How many concurrent requests E3 and E4 run. */
    protected int concurrency() {
        return 8;
    }

    @Test
    @DisplayName("E3 concurrent requests putting distinct keys all survive")
    protected void e3_noLostUpdates() throws Exception {
        String key = saved(Map.of("base", 0));
        int n = concurrency();
        concurrently(key, n, (s, id) -> s.put("k" + id, id));
        SessionStore after = engine.open(key);
        for (int i = 0; i < n; i++) {
            assertThat(after.get("k" + i)).as("k%d", i).isEqualTo(i);
        }
        assertThat(after.get("base")).isEqualTo(0);
    }

    @Test
    @DisplayName("E4 concurrent requests putting the same key: one wins, the session stays readable")
    protected void e4_sameKeyOneWins() throws Exception {
        String key = saved(Map.of("base", 0));
        int n = concurrency();
        concurrently(key, n, (s, id) -> s.put("same", id));
        SessionStore after = engine.open(key);
        assertThat(after.get("same")).isIn(Set.copyOf(java.util.stream.IntStream.range(0, n).boxed().toList()));
        assertThat(after.get("base")).isEqualTo(0);
    }

    // --- R. Records read again (issue #20: sessions.verified_records) ---------------------------

    /**
     * Reads {@code key} often enough that an engine remembering verified records holds it: the second read admits it,
     * the later ones recall it. Each read must give {@code expected} for {@code name}.
     */
    protected void readRepeatedly(String key, String name, Object expected) {
        for (int i = 0; i < 4; i++) {
            assertThat(engine.open(key).get(name)).as("read %d of %s", i + 1, name).isEqualTo(expected);
        }
    }

    /**
     * The storage of the engine under test, for writing a record as another node (or a Django app) would; empty for
     * engines whose data travels with the client (the signed cookie), which have no record to write.
     */
    private java.util.Optional<io.sessions4j.spi.SessionStorage> sharedStorage() {
        if (!(engine instanceof io.sessions4j.api.StorageSessionEngine storageEngine)
                || storageEngine.capability(io.sessions4j.spi.ClientSideStorage.class).isPresent()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(storageEngine.storage());
    }

    @Test
    @DisplayName("R1 a session read again and again reads the same; a write by someone else (another node, Django) is read, not an earlier decode")
    protected void r1_anotherWritersDataIsRead() {
        String key = saved(Map.of("n", 1, "cart", List.of(Map.of("sku", "A"))));
        readRepeatedly(key, "n", 1);
        io.sessions4j.spi.SessionStorage storage = sharedStorage().orElse(null);
        if (storage == null) {
            return; // the session travels with the client: there is no record another writer could change
        }
        io.sessions4j.api.StorageSessionEngine storageEngine = (io.sessions4j.api.StorageSessionEngine) engine;
        Instant now = clock.instant();
        io.sessions4j.spi.SessionStorage.Stored current = storage.load(key, now).orElseThrow();
        // Same length of data as before, so that only the content (and the signature) tells the two apart.
        String theirs = storageEngine.context().codec().encode(Map.of("n", 2, "cart", List.of(Map.of("sku", "B"))), now);
        assertThat(storage.replace(key, current, theirs, now.plus(Duration.ofDays(1)))).isPresent();
        readRepeatedly(key, "n", 2);
        assertThat(engine.open(key).get("cart")).isEqualTo(List.of(Map.of("sku", "B")));
        // ...and this node's own write after that, read again, as written.
        SessionStore mine = engine.open(key);
        mine.put("n", 3);
        mine.save();
        readRepeatedly(key, "n", 3);
    }

    @Test
    @DisplayName("R2 a request changing a nested value it read, without saving, changes no other request's read of a session read again")
    @SuppressWarnings("unchecked")
    protected void r2_rereadValuesAreIsolated() {
        String key = saved(Map.of("cart", new ArrayList<>(List.of(Map.of("sku", "A")))));
        readRepeatedly(key, "cart", List.of(Map.of("sku", "A")));
        SessionStore meddler = engine.open(key);
        ((List<Object>) meddler.get("cart")).add("mine only");
        ((Map<String, Object>) ((List<Object>) engine.open(key).get("cart")).get(0)).put("sku", "mine too");
        readRepeatedly(key, "cart", List.of(Map.of("sku", "A")));
    }

    @Test
    @DisplayName("R3 a session read again expires on time and, deleted by another request, is never read back")
    protected void r3_rereadSessionsStillEnd() {
        SessionStore dying = savedStore(Map.of("a", 1), 1);
        readRepeatedly(dying.getSessionKey(), "a", 1);
        letExpire(dying, Duration.ofSeconds(2));
        assertThat(engine.open(dying.getSessionKey()).keySet()).isEmpty();

        io.sessions4j.spi.SessionStorage storage = sharedStorage().orElse(null);
        if (storage == null) {
            return; // the session travels with the client: the server cannot delete it (signed cookies, as Django's)
        }
        String key = saved(Map.of("b", 2));
        readRepeatedly(key, "b", 2);
        storage.delete(key); // as another node deletes it: this node's memo untouched
        assertThat(engine.open(key).keySet()).isEmpty();
        SessionStore late = engine.open(key);
        assertThat(late.get("b")).isNull();
        late.put("c", 3);
        late.save(); // no key any more: a new session, not the deleted one
        assertThat(late.getSessionKey()).isNotEqualTo(key);
        assertThat(engine.open(key).keySet()).isEmpty();
    }

    // --- U. Sessions by user, events, absolute lifetime (issue #16) -----------------------------

    /** Whether the engine offers {@link SessionsByUser}; engines without server state override with false. */
    protected boolean indexesByUser() {
        return true;
    }

    /** Whether the engine offers {@link SessionEvents}. */
    protected boolean seesEvents() {
        return true;
    }

    /** Lets {@code age} pass for {@code dying}: the test clock by default; engines whose storage counts real time override. */
    protected void letExpire(SessionStore dying, Duration age) {
        clock.advance(age);
    }

    /** A principal no other test uses. */
    protected static String newPrincipal() {
        return "user-" + java.util.UUID.randomUUID();
    }

    /** A saved, logged-in session of {@code principal} on {@code on}: principal set, key cycled, saved. */
    protected SessionStore login(SessionEngine on, String principal) {
        SessionStore s = on.open(null);
        s.put("cart", 1);
        s.save();
        s.setPrincipal(principal);
        s.cycleKey();
        s.save();
        return s;
    }

    protected SessionsByUser byUser(SessionEngine on) {
        Assumptions.assumeTrue(indexesByUser(), "this engine keeps no index by user");
        return on.capability(SessionsByUser.class).orElseThrow();
    }

    private List<String> handles(SessionEngine on, String principal) {
        return byUser(on).list(principal).stream().map(UserSession::handle).toList();
    }

    @Test
    @DisplayName("U0 the engine offers SessionsByUser and SessionEvents exactly when it says so")
    protected void u0_capabilities() {
        assertThat(engine.capability(SessionsByUser.class).isPresent()).as("SessionsByUser").isEqualTo(indexesByUser());
        assertThat(engine.capability(SessionEvents.class).isPresent()).as("SessionEvents").isEqualTo(seesEvents());
        assertThat(engine.capability(String.class)).isEmpty();
    }

    @Test
    @DisplayName("U1 a principal's live sessions are listed by handle (never by key), with times and size")
    protected void u1_list() {
        String alice = newPrincipal();
        SessionStore one = login(engine, alice);
        SessionStore two = login(engine, alice);
        login(engine, newPrincipal());
        List<UserSession> listed = byUser(engine).list(alice);
        assertThat(listed).extracting(UserSession::handle).containsExactlyInAnyOrder(
                SessionHandles.of(one.getSessionKey()), SessionHandles.of(two.getSessionKey()));
        for (UserSession u : listed) {
            assertThat(u.handle()).hasSize(SessionHandles.LENGTH).isNotIn(one.getSessionKey(), two.getSessionKey());
            assertThat(u.principal()).isEqualTo(alice);
            assertThat(u.sizeBytes()).isPositive();
            assertThat(u.lastSaved()).isNotNull();
            assertThat(u.expiry()).isAfter(clock.instant());
        }
        assertThat(one.getPrincipal()).isEqualTo(alice);
    }

    @Test
    @DisplayName("U2 revoking one session by handle ends it and only it")
    protected void u2_revoke() {
        String bob = newPrincipal();
        SessionStore one = login(engine, bob);
        SessionStore two = login(engine, bob);
        assertThat(byUser(engine).revoke(bob, SessionHandles.of(one.getSessionKey()))).isTrue();
        assertThat(byUser(engine).revoke(bob, "no-such-handle")).isFalse();
        assertThat(engine.open(one.getSessionKey()).get("cart")).isNull();
        assertThat(engine.open(two.getSessionKey()).get("cart")).isEqualTo(1);
        assertThat(handles(engine, bob)).containsExactly(SessionHandles.of(two.getSessionKey()));
    }

    @Test
    @DisplayName("U3 revokeAll ends every session of the principal (log out everywhere) and no other")
    protected void u3_revokeAll() {
        String carol = newPrincipal();
        SessionStore one = login(engine, carol);
        SessionStore two = login(engine, carol);
        SessionStore other = login(engine, newPrincipal());
        assertThat(byUser(engine).revokeAll(carol)).isEqualTo(2);
        assertThat(one.exists(one.getSessionKey())).isFalse();
        assertThat(two.exists(two.getSessionKey())).isFalse();
        assertThat(other.exists(other.getSessionKey())).isTrue();
        assertThat(byUser(engine).list(carol)).isEmpty();
    }

    @Test
    @DisplayName("U4 the index follows the data: a plain put of the principal key binds, a change moves, a removal unlists")
    protected void u4_indexFollowsTheData() {
        String first = newPrincipal();
        String second = newPrincipal();
        SessionStore s = engine.open(null);
        s.put(engine.settings().get(io.sessions4j.api.CoreSettings.PRINCIPAL_KEY), first);
        s.save();
        String handle = SessionHandles.of(s.getSessionKey());
        assertThat(handles(engine, first)).containsExactly(handle);
        SessionStore again = engine.open(s.getSessionKey());
        again.setPrincipal(second);
        again.save();
        assertThat(handles(engine, first)).isEmpty();
        assertThat(handles(engine, second)).containsExactly(handle);
        SessionStore out = engine.open(s.getSessionKey());
        out.setPrincipal(null);
        out.save();
        assertThat(handles(engine, second)).isEmpty();
    }

    @Test
    @DisplayName("U5 cycleKey moves the entry to the new key; flush removes it")
    protected void u5_cycleAndFlush() {
        String dave = newPrincipal();
        SessionStore s = login(engine, dave);
        String before = s.getSessionKey();
        s.cycleKey();
        assertThat(handles(engine, dave)).containsExactly(SessionHandles.of(s.getSessionKey()))
                .doesNotContain(SessionHandles.of(before));
        SessionStore logout = engine.open(s.getSessionKey());
        logout.get("cart");
        logout.flush();
        assertThat(handles(engine, dave)).isEmpty();
    }

    @Test
    @DisplayName("U6 sessions.max_per_user revokes the oldest sessions of the principal on login")
    protected void u6_capRevokesOldest() {
        byUser(engine);
        SessionEngine capped = engineWith(Map.of("sessions.max_per_user", "2"));
        String erin = newPrincipal();
        SessionStore first = login(capped, erin);
        clock.advance(Duration.ofSeconds(1));
        SessionStore second = login(capped, erin);
        clock.advance(Duration.ofSeconds(1));
        SessionStore third = login(capped, erin);
        assertThat(handles(capped, erin)).containsExactly(SessionHandles.of(second.getSessionKey()),
                SessionHandles.of(third.getSessionKey()));
        assertThat(capped.open(first.getSessionKey()).get("cart")).isNull();
    }

    @Test
    @DisplayName("U7 with prevent_login the binding beyond the cap fails with TooManySessionsException and changes nothing")
    protected void u7_capPreventsLogin() {
        byUser(engine);
        SessionEngine capped = engineWith(Map.of("sessions.max_per_user", "1", "sessions.max_per_user.prevent_login", "true"));
        String frank = newPrincipal();
        SessionStore first = login(capped, frank);
        SessionStore second = capped.open(null);
        second.put("cart", 2);
        second.save();
        assertThatThrownBy(() -> second.setPrincipal(frank)).isInstanceOf(TooManySessionsException.class)
                .hasMessageContaining("sessions.max_per_user=1");
        SessionStore patched = capped.open(second.getSessionKey());
        patched.put(capped.settings().get(io.sessions4j.api.CoreSettings.PRINCIPAL_KEY), frank);
        assertThatThrownBy(patched::save).isInstanceOf(TooManySessionsException.class);
        assertThat(capped.open(second.getSessionKey()).getPrincipal()).isNull();
        assertThat(handles(capped, frank)).containsExactly(SessionHandles.of(first.getSessionKey()));
    }

    @Test
    @DisplayName("U8 entries of expired sessions are dropped: not listed, and gone from the index after listing")
    protected void u8_indexCleanedAfterExpiry() {
        String gina = newPrincipal();
        SessionStore live = login(engine, gina);
        SessionStore dying = engine.open(null);
        dying.setPrincipal(gina);
        dying.setExpiry(1);
        dying.save();
        assertThat(handles(engine, gina)).hasSize(2);
        letExpire(dying, Duration.ofSeconds(2));
        engine.clearExpired();
        assertThat(handles(engine, gina)).containsExactly(SessionHandles.of(live.getSessionKey()));
        assertThat(byUser(engine).revokeAll(gina)).isEqualTo(1);
    }

    @Test
    @DisplayName("U9 two engine instances on the same storage (two nodes) see each other's index")
    protected void u9_twoNodesShareTheIndex() {
        SessionEngine otherNode = engineWith(Map.of());
        String hank = newPrincipal();
        SessionStore s = login(engine, hank);
        assertThat(handles(otherNode, hank)).containsExactly(SessionHandles.of(s.getSessionKey()));
        assertThat(byUser(otherNode).revokeAll(hank)).isEqualTo(1);
        assertThat(engine.open(s.getSessionKey()).get("cart")).isNull();
    }

    /**
     * U9 for engines whose second instance gets storage of its own (in-process caches, test set-ups with a
     * fresh database per engine): the other instance neither sees nor revokes this one's sessions.
     */
    protected void assertOtherInstanceIsSeparate() {
        SessionEngine otherNode = engineWith(Map.of());
        String principal = newPrincipal();
        SessionStore s = login(engine, principal);
        assertThat(byUser(otherNode).revokeAll(principal)).isZero();
        assertThat(byUser(engine).list(principal)).hasSize(1);
        assertThat(engine.open(s.getSessionKey()).get("cart")).isEqualTo(1);
    }

    /** A listener that records every event. */
    protected static final class RecordingListener implements SessionListener {
        public final List<SessionEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        public final java.util.concurrent.atomic.AtomicInteger saves = new java.util.concurrent.atomic.AtomicInteger();
        public final java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void onEvent(SessionEvent event) {
            events.add(event);
        }

        @Override
        public void onSave(String engine, Duration took, int sizeBytes, int conflictsMerged) {
            saves.incrementAndGet();
        }

        @Override
        public void onLoad(String engine, Duration took, boolean found) {
            loads.incrementAndGet();
        }

        public List<SessionEvent.Type> types() {
            return events.stream().map(SessionEvent::type).toList();
        }
    }

    @Test
    @DisplayName("U10 events come once each, after storage, with handles: created, bound, cycled, revoked, deleted")
    protected void u10_eventsOnceEach() {
        Assumptions.assumeTrue(seesEvents(), "this engine tells no events");
        SessionEngine node = engineWith(Map.of());
        RecordingListener listener = new RecordingListener();
        node.capability(SessionEvents.class).orElseThrow().addListener(listener);
        String ivy = newPrincipal();
        SessionStore s = login(node, ivy);
        assertThat(listener.types()).containsExactly(SessionEvent.Type.CREATED, SessionEvent.Type.KEY_CYCLED,
                SessionEvent.Type.PRINCIPAL_BOUND);
        SessionEvent cycled = listener.events.get(1);
        assertThat(cycled.handle()).isEqualTo(SessionHandles.of(s.getSessionKey()));
        assertThat(cycled.previousHandle()).isEqualTo(listener.events.get(0).handle()).isNotEqualTo(cycled.handle());
        assertThat(cycled.principal()).isEqualTo(ivy);
        assertThat(listener.saves.get()).isEqualTo(3);

        listener.events.clear();
        SessionStore other = login(node, ivy);
        listener.events.clear();
        byUser(node).revoke(ivy, SessionHandles.of(other.getSessionKey()));
        SessionStore logout = node.open(s.getSessionKey());
        logout.get("cart");
        logout.flush();
        assertThat(listener.types()).containsExactly(SessionEvent.Type.REVOKED, SessionEvent.Type.DELETED);
        assertThat(listener.events).extracting(SessionEvent::principal).containsOnly(ivy);
        assertThat(listener.events).extracting(SessionEvent::engine).containsOnly(node.name());
        assertThat(listener.loads.get()).isPositive();
    }

    @Test
    @DisplayName("U11 a listener that throws is logged; the request goes on")
    protected void u11_throwingListener() {
        Assumptions.assumeTrue(seesEvents(), "this engine tells no events");
        SessionEngine node = engineWith(Map.of());
        RecordingListener after = new RecordingListener();
        node.capability(SessionEvents.class).orElseThrow().addListener(new SessionListener() {
            @Override
            public void onEvent(SessionEvent event) {
                throw new IllegalStateException("listener failure (expected by the test)");
            }
        });
        node.capability(SessionEvents.class).orElseThrow().addListener(after);
        SessionStore s = node.open(null);
        s.put("a", 1);
        s.save();
        assertThat(node.open(s.getSessionKey()).get("a")).isEqualTo(1);
        assertThat(after.types()).containsExactly(SessionEvent.Type.CREATED);
    }

    @Test
    @DisplayName("U12 sessions.max_lifetime ends a session that long after creation whatever its activity; the cookie age never runs past it")
    protected void u12_maxLifetime() {
        SessionEngine bounded = engineWith(Map.of("sessions.max_lifetime", "60"));
        SessionStore s = bounded.open(null);
        s.put("a", 1);
        s.save();
        assertThat(s.getExpiryAge()).isEqualTo(60);
        clock.advance(Duration.ofSeconds(40));
        SessionStore active = bounded.open(s.getSessionKey());
        active.put("b", 2);
        assertThat(active.getExpiryAge()).isEqualTo(20);
        active.save();
        assertThat(bounded.open(s.getSessionKey()).get("a")).isEqualTo(1);
        // The store judges the lifetime from the data, whatever the storage still holds: the test clock suffices.
        clock.advance(Duration.ofSeconds(21));
        SessionStore late = bounded.open(s.getSessionKey());
        assertThat(late.get("a")).isNull();
        assertThat(late.getSessionKey()).isNull();
    }
}
