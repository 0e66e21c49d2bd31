package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.spi.KeptSession;
import io.sessions4j.spi.SessionStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Isolation over a storage that keeps decoded data (issue #20): the store hands the kept map to every reader without
 * copying it, so it must copy the top-level map on a request's first change and each nested map or list before it
 * hands it out. The storage here hands the same {@link KeptSession} to every reader: read-only at the top level (a
 * forgotten copy there throws), but its nested maps and lists are the plain, mutable ones a decode gives, so a
 * hand-out path that forgets to copy one changes it silently; each test checks that the kept map is still exactly
 * what was decoded, and that another request's view did not move.
 */
class SharedDecodeIsolationTest {
    private final MutableClock clock = MutableClock.startingNow();
    private final KeepingStorage storage = new KeepingStorage(new InMemorySessionStorage());
    private final StorageSessionEngine engine = new StorageSessionEngine("keeping",
            SessionSettings.of(Map.of("sessions.secret.key", "isolation-secret")), clock, storage);
    private String key;
    private String storedData;
    private Map<String, Object> original;

    /** A storage that keeps what the store offers, by data, and hands the very same one to every later load. */
    static final class KeepingStorage extends SessionStoreTest.DelegatingStorage {
        final Map<String, KeptSession> kept = new ConcurrentHashMap<>();

        KeepingStorage(SessionStorage delegate) {
            super(delegate);
        }

        @Override
        public Optional<Stored> load(String key, Instant now) {
            return super.load(key, now).map(s -> {
                KeptSession decoded = kept.get(s.data());
                return decoded == null ? s : new Stored(s.key(), s.data(), s.expiry(), s.modified(), decoded);
            });
        }

        @Override
        public void keep(Stored record, KeptSession decoded) {
            kept.putIfAbsent(record.data(), decoded);
        }

        @Override
        public boolean keepsDecoded() {
            return true;
        }
    }

    static Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", "alice");
        data.put("cart", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("sku", "A", "qty", 1)))));
        data.put("prefs", new LinkedHashMap<>(Map.of("theme", "dark", "tags", new ArrayList<>(List.of("x")))));
        data.put("count", 3);
        return data;
    }

    @BeforeEach
    void savedAndKept() {
        SessionStore s = engine.open(null);
        s.putAll(data());
        s.save();
        key = s.getSessionKey();
        storedData = storage.load(key, clock.instant()).orElseThrow().data();
        assertThat(engine.open(key).get("user")).isEqualTo("alice"); // decodes; the storage keeps it
        original = data();
        assertThat(kept()).isEqualTo(original);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** The map every reader of the stored data is handed. */
    private Map<String, Object> kept() {
        return storage.kept.get(storedData).data();
    }

    /** A reader holding the shared map (loaded), the action on another store, then the checks. */
    private void isolated(Consumer<SessionStore> action) {
        isolated(action, true);
    }

    /** {@code recordStays}: false for an action that deletes the stored record (cycleKey, flush). */
    private void isolated(Consumer<SessionStore> action, boolean recordStays) {
        SessionStore bystander = engine.open(key);
        assertThat(bystander.get("user")).isEqualTo("alice"); // loaded: shares the kept map
        SessionStore actor = engine.open(key);
        action.accept(actor);
        assertThat(kept()).as("the storage's kept map").isEqualTo(original);
        assertThat(new LinkedHashMap<>(bystander)).as("a request that read before").isEqualTo(original);
        if (recordStays) {
            assertThat(new LinkedHashMap<>(engine.open(key))).as("a request that reads after").isEqualTo(original);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    @DisplayName("I1 get: nested lists and maps changed in place, at any depth, stay the request's own")
    void i1_get() {
        isolated(s -> {
            list(s.get("cart")).add("more");
            map(list(s.get("cart")).get(0)).put("qty", 99);
            list(map(s.get("prefs")).get("tags")).add("y");
            map(s.getOrDefault("prefs", null)).put("theme", "light");
            map(s.get("prefs", Map.class)).put("typed", true);
            assertThat(s.get("cart")).as("the request sees its own change").isEqualTo(List.of(Map.of("sku", "A", "qty", 99), "more"));
            assertThat(map(s.get("prefs"))).containsEntry("theme", "light").containsEntry("typed", true);
        });
    }

    @Test
    @DisplayName("I2 put, putAll, remove, pop, clear change the request's data only")
    void i2_topLevelWrites() {
        isolated(s -> {
            s.put("user", "mallory");
            s.put("new", 1);
            assertThat(s).containsEntry("user", "mallory").containsEntry("new", 1);
        });
        isolated(s -> s.putAll(Map.of("user", "bob", "x", 2)));
        isolated(s -> assertThat(s.remove("count")).isEqualTo(3));
        isolated(s -> assertThat(s.pop("user")).isEqualTo("alice"));
        isolated(s -> {
            s.clear();
            assertThat(s.size()).isZero();
        });
        isolated(s -> {
            s.setExpiry(60);
            s.setPrincipal("42");
        });
    }

    @Test
    @DisplayName("I3 pop, remove and put's previous value hand out the request's own nested values")
    void i3_takenOut() {
        isolated(s -> list(s.pop("cart")).add("popped"));
        isolated(s -> map(s.remove("prefs")).put("theme", "removed"));
        isolated(s -> list(s.put("cart", "replaced")).clear());
        isolated(s -> map(s.pop("prefs", null)).clear());
        isolated(s -> {
            list(s.get("cart")).add("first"); // the request's own copy, then taken out: still its own
            List<Object> taken = list(s.put("cart", List.of()));
            assertThat(taken).contains("first");
            taken.clear();
        });
    }

    @Test
    @DisplayName("I4 setDefault, putIfAbsent, compute, merge and replace change the request's data only")
    void i4_mapDefaults() {
        isolated(s -> list(s.setDefault("cart", List.of())).add("via setDefault"));
        isolated(s -> assertThat(s.setDefault("absent", "v")).isEqualTo("v"));
        isolated(s -> map(s.putIfAbsent("prefs", null)).put("theme", "via putIfAbsent"));
        isolated(s -> s.computeIfAbsent("other", k -> 1));
        isolated(s -> s.computeIfPresent("count", (k, v) -> (Integer) v + 1));
        isolated(s -> s.compute("cart", (k, v) -> {
            list(v).add("via compute"); // handed the current value: the request's own copy
            return v;
        }));
        isolated(s -> s.merge("count", 1, (a, b) -> (Integer) a + (Integer) b));
        isolated(s -> s.replace("user", "carol"));
    }

    @Test
    @DisplayName("I5 values(), entrySet() and keySet() and their iterators hand out the request's own values and change nothing shared")
    void i5_views() {
        isolated(s -> s.values().forEach(v -> {
            if (v instanceof List<?> l) {
                list(l).add("via values()");
            }
        }));
        isolated(s -> s.entrySet().forEach(e -> {
            if (e.getValue() instanceof Map<?, ?> m) {
                map(m).put("theme", "via entrySet()");
            }
        }));
        isolated(s -> {
            Iterator<Object> values = s.values().iterator();
            values.next();
            assertThatThrownBy(values::remove).isInstanceOf(UnsupportedOperationException.class);
            Map.Entry<String, Object> entry = s.entrySet().iterator().next();
            assertThatThrownBy(() -> entry.setValue("x")).isInstanceOf(UnsupportedOperationException.class);
            Iterator<String> keys = s.keySet().iterator();
            keys.next();
            assertThatThrownBy(keys::remove).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> s.keySet().remove("user")).isInstanceOf(UnsupportedOperationException.class);
        });
        isolated(s -> {
            var keys = s.keySet();
            s.put("later", 1);
            s.remove("user");
            assertThat(keys).as("a live view of the request's own keys").contains("later").doesNotContain("user");
        });
    }

    @Test
    @DisplayName("I6 replaceAll: the function gets the request's own values and its results are the request's only")
    void i6_replaceAll() {
        isolated(s -> s.replaceAll((k, v) -> {
            if (v instanceof List<?> l) {
                list(l).add("in place");
            } else if (v instanceof Map<?, ?> m) {
                map(m).clear();
            }
            return v instanceof String ? "replaced" : v;
        }));
    }

    @Test
    @DisplayName("I7 save and cycleKey leave the shared data alone")
    void i7_lifecycle() {
        isolated(s -> {
            list(s.get("cart")).add("saved");
            s.put("user", "dave");
            s.cycleKey();
            s.save();
            assertThat(engine.open(s.getSessionKey()).get("user")).isEqualTo("dave");
        }, false);
    }

    @Test
    @DisplayName("I7 flush leaves the shared data alone")
    void i7_flush() {
        isolated(SessionStore::flush, false);
    }

    @Test
    @DisplayName("I8 a save that lost the race re-applies its changes onto a copy of the data the storage keeps, not onto it")
    void i8_conflictOntoKeptData() {
        SessionStore a = engine.open(key);
        SessionStore b = engine.open(key);
        a.get("user");
        b.get("user"); // both share the kept map
        a.put("count", 4);
        a.save();
        Map<String, Object> afterA = new LinkedHashMap<>(original);
        afterA.put("count", 4);
        assertThat(engine.open(key).get("count")).isEqualTo(4); // the new data is kept too
        KeptSession keptAfterA = storage.kept.values().stream()
                .filter(d -> Integer.valueOf(4).equals(d.data().get("count"))).findFirst().orElseThrow();

        b.put("user", "erin");
        b.pop("prefs");
        b.save(); // conflict: loads A's record, which comes with the kept map, and re-applies its changes

        assertThat(keptAfterA.data()).as("what the storage kept for A's data").isEqualTo(afterA);
        assertThat(storage.kept.values()).anySatisfy(d -> assertThat(d.data()).isEqualTo(original));
        SessionStore after = engine.open(key);
        assertThat(after.get("user")).isEqualTo("erin");
        assertThat(after.get("count")).isEqualTo(4);
        assertThat(after.containsKey("prefs")).isFalse();
    }

    @Test
    @DisplayName("I9 concurrent readers that change what they read each see only the stored data and their own changes")
    void i9_concurrentReaders() throws Exception {
        int threads = 8;
        int rounds = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String mine = "thread-" + t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        SessionStore s = engine.open(key);
                        assertThat(s.get("user")).isEqualTo("alice");
                        assertThat(s.containsKey("mine")).isFalse();
                        s.put("mine", mine);
                        List<Object> cart = list(s.get("cart"));
                        assertThat(cart).isEqualTo(original.get("cart"));
                        cart.add(mine);
                        map(s.get("prefs")).put("theme", mine);
                        s.pop("count");
                        assertThat(s.get("mine")).isEqualTo(mine);
                        assertThat(list(s.get("cart"))).containsExactly(list(original.get("cart")).get(0), mine);
                        assertThat(new ArrayList<>(s.keySet())).containsExactly("user", "cart", "prefs", "mine");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(kept()).isEqualTo(original);
        assertThat(new LinkedHashMap<>(engine.open(key))).isEqualTo(original);
    }
}
