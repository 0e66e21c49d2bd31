package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.CreateException;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Store behaviour that needs to look underneath the engine: round trips, retries, merging. */
class SessionStoreTest {
    private final MutableClock clock = MutableClock.startingNow();
    private final InMemorySessionStorage storage = new InMemorySessionStorage();
    private final StorageSessionEngine engine = new StorageSessionEngine("memory",
            SessionSettings.of(Map.of("sessions.secret.key", "store-secret")), clock, storage);

    private String saved(Map<String, Object> data) {
        SessionStore s = engine.open(null);
        s.putAll(data);
        s.save();
        return s.getSessionKey();
    }

    @Test
    @DisplayName("one storage call per read, one per save of an existing session, one per create")
    void roundTrips() {
        long start = storage.calls();
        String key = saved(Map.of("a", 1));
        assertThat(storage.calls() - start).as("create").isEqualTo(1);

        start = storage.calls();
        SessionStore s = engine.open(key);
        s.get("a");
        s.get("b");
        assertThat(storage.calls() - start).as("read").isEqualTo(1);
        s.put("b", 2);
        s.save();
        assertThat(storage.calls() - start).as("read + save").isEqualTo(2);

        start = storage.calls();
        engine.open(key).isEmpty();
        engine.open(key).getSessionKey();
        assertThat(storage.calls() - start).as("untouched stores read nothing").isZero();
    }

    @Test
    @DisplayName("B2 invalid keys never reach storage")
    void b2_invalidKeysNeverReachStorage() {
        long start = storage.calls();
        for (String bad : new String[] {"../../etc/passwd", "a/b/c/d/e/f/g", "%2e%2e%2fabcdef", "x".repeat(41), "abc"}) {
            SessionStore s = engine.open(bad);
            s.get("x");
            assertThat(s.exists(bad)).isFalse();
            s.delete(bad);
        }
        assertThat(storage.calls() - start).isZero();
    }

    @Test
    @DisplayName("E2 create() retries with a new key when the first one collides")
    void e2_createRetriesOnCollision() {
        AtomicInteger creates = new AtomicInteger();
        SessionStorage colliding = new DelegatingStorage(storage) {
            @Override
            public Stored create(String key, String data, Instant expiry) {
                if (creates.incrementAndGet() == 1) {
                    throw new CreateException("taken");
                }
                return super.create(key, data, expiry);
            }
        };
        StorageSessionEngine e = new StorageSessionEngine("memory",
                SessionSettings.of(Map.of("sessions.secret.key", "store-secret")), clock, colliding);
        SessionStore s = e.open(null);
        s.put("x", 1);
        s.save();
        assertThat(creates.get()).isEqualTo(2);
        assertThat(storage.records()).containsKey(s.getSessionKey());
    }

    @Test
    @DisplayName("E3 a conflicting save re-applies only this request's changes, including removals and clear")
    void e3_mergeOnConflict() {
        String key = saved(Map.of("a", 1, "b", 2, "c", 3));
        SessionStore mine = engine.open(key);
        mine.get("a");
        SessionStore theirs = engine.open(key);
        theirs.put("d", 4);
        theirs.put("a", 10);
        theirs.save();

        mine.put("e", 5);
        mine.remove("b");
        mine.save();
        assertThat(Map.copyOf(engine.open(key))).isEqualTo(Map.of("a", 10, "c", 3, "d", 4, "e", 5));

        SessionStore clearing = engine.open(key);
        clearing.clear();
        clearing.put("only", true);
        SessionStore other = engine.open(key);
        other.put("late", 1);
        other.save();
        clearing.save();
        assertThat(Map.copyOf(engine.open(key))).isEqualTo(Map.of("only", true));
    }

    @Test
    @DisplayName("A8 clear() then save of a never-loaded session overwrites without reading first")
    void clearWithoutLoad() {
        String key = saved(Map.of("a", 1));
        long start = storage.calls();
        SessionStore s = engine.open(key);
        s.clear();
        s.put("b", 2);
        s.save();
        assertThat(storage.calls() - start).as("one replace, no load").isEqualTo(1);
        assertThat(Map.copyOf(engine.open(key))).isEqualTo(Map.of("b", 2));
    }

    @Test
    @DisplayName("the store never prints session data")
    void toStringHidesData() {
        SessionStore s = engine.open(saved(Map.of("password", "hunter2")));
        s.get("password");
        assertThat(s.toString()).doesNotContain("hunter2");
    }

    /** Forwards every call; tests override one method to inject a fault. */
    static class DelegatingStorage implements SessionStorage {
        private final SessionStorage delegate;

        DelegatingStorage(SessionStorage delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Stored> load(String key, Instant now) {
            return delegate.load(key, now);
        }

        @Override
        public boolean exists(String key, Instant now) {
            return delegate.exists(key, now);
        }

        @Override
        public Stored create(String key, String data, Instant expiry) {
            return delegate.create(key, data, expiry);
        }

        @Override
        public Optional<Stored> replace(String key, Stored expected, String data, Instant expiry) {
            return delegate.replace(key, expected, data, expiry);
        }

        @Override
        public boolean delete(String key) {
            return delegate.delete(key);
        }

        @Override
        public long clearExpired(Instant now, LongConsumer progress) {
            return delegate.clearExpired(now, progress);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    @Test
    @DisplayName("E1 UpdateException when the record vanished, even after a never-loaded clear()")
    void e1_vanished() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        s.clear();
        storage.delete(key);
        assertThatThrownBy(s::save).isInstanceOf(io.sessions4j.api.UpdateException.class);
        assertThat(storage.records()).doesNotContainKey(key);
    }

    @Test
    @DisplayName("E5 a storage fault during create leaves the store as it was (no phantom key)")
    void e5_failedCreateKeepsPreviousKey() {
        String key = saved(Map.of("a", 1));
        SessionStorage failingCreate = new DelegatingStorage(storage) {
            @Override
            public Stored create(String k, String data, Instant expiry) {
                throw new io.sessions4j.api.SessionStorageException("memory engine: down");
            }
        };
        StorageSessionEngine e = new StorageSessionEngine("memory",
                SessionSettings.of(Map.of("sessions.secret.key", "store-secret")), clock, failingCreate);
        SessionStore fresh = e.open(null);
        fresh.put("x", 1);
        assertThatThrownBy(fresh::save).isInstanceOf(io.sessions4j.api.SessionStorageException.class);
        assertThat(fresh.getSessionKey()).isNull();

        SessionStore cycling = e.open(key);
        assertThatThrownBy(cycling::cycleKey).isInstanceOf(io.sessions4j.api.SessionStorageException.class);
        assertThat(cycling.getSessionKey()).isEqualTo(key);
        assertThat(storage.records()).containsKey(key);
    }
}
