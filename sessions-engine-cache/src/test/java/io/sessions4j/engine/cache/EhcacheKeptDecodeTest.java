package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.events.SessionEvent;
import io.sessions4j.api.events.SessionEvents;
import io.sessions4j.api.events.SessionListener;
import io.sessions4j.api.users.SessionsByUser;
import io.sessions4j.spi.SessionCodec;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.RealDjango;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ehcache's heap keeps what the codec decoded from an entry (issue #20): reads after the first skip the signature
 * check and the parse, yet every request gets its own copy, with the classes a decode gives, every session rule
 * still runs on it, and the disk tier and anything not verified on this heap still go through the codec.
 */
class EhcacheKeptDecodeTest {
    static final String SECRET = "kept-decode-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    static final String OLD_SECRET = "kept-decode-old-secret-0123456789-abcdefghijklmnopqrstuvw";

    final MutableClock clock = MutableClock.startingNow();
    final List<StorageSessionEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(StorageSessionEngine::close);
    }

    StorageSessionEngine engine(Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of("sessions.engine", "cache",
                "sessions.cache.backend", "ehcache", "sessions.secret.key", SECRET));
        properties.putAll(extra);
        StorageSessionEngine engine = (StorageSessionEngine) new CacheEngineProvider()
                .create(SessionSettings.of(properties), clock);
        engines.add(engine);
        return engine;
    }

    static SessionStorage.Stored load(StorageSessionEngine engine, String key) {
        return engine.storage().load(key, Instant.now()).orElseThrow();
    }

    static String saved(StorageSessionEngine engine, Map<String, Object> data) {
        SessionStore store = engine.open(null);
        store.putAll(data);
        store.save();
        return store.getSessionKey();
    }

    static Map<String, Object> cart() {
        Map<String, Object> line = new LinkedHashMap<>(Map.of("sku", "SKU-1", "qty", 2));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cart", new ArrayList<>(List.of(line)));
        data.put("prefs", new LinkedHashMap<>(Map.of("theme", "dark")));
        data.put("price", new BigDecimal("12345678901234567.89"));
        return data;
    }

    @Test
    @DisplayName("K1 the first read of an entry decodes it and the heap keeps the result; a write whose values the JSON "
            + "layer does not mirror (here a BigDecimal) drops it until read again")
    void k1_keptAfterFirstReadDroppedOnWrite() {
        StorageSessionEngine engine = engine(Map.of());
        String key = saved(engine, cart());
        assertThat(load(engine, key).decoded()).as("written with a BigDecimal, never read").isNull();

        assertThat(engine.open(key).get("prefs")).isEqualTo(Map.of("theme", "dark"));
        assertThat(load(engine, key).decoded()).as("read once").isNotNull();

        SessionStore writer = engine.open(key);
        writer.put("prefs", Map.of("theme", "light"));
        writer.save();
        assertThat(load(engine, key).decoded()).as("a new entry").isNull();
        assertThat(engine.open(key).get("prefs")).isEqualTo(Map.of("theme", "light"));
        assertThat(load(engine, key).decoded()).isNotNull();
    }

    @Test
    @DisplayName("K1b a write of plain JSON values keeps the session it wrote: the next read skips the codec and gets "
            + "exactly what a decode of the entry gives")
    void k1b_writeKeepsWhatItWrote() {
        StorageSessionEngine engine = engine(Map.of());
        SessionStore writer = engine.open(null);
        writer.put("cart", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("sku", "A-1", "qty", 2L)))));
        writer.put("user_id", 42L);
        writer.save();
        String key = writer.getSessionKey();
        SessionStorage.Stored stored = load(engine, key);
        assertThat(stored.decoded()).as("kept at the write").isNotNull();
        SessionCodec.Decoded decoded = engine.context().codec().decode(stored.data(), Instant.now()).orElseThrow();
        assertSameTree(new LinkedHashMap<>(decoded.data()), new LinkedHashMap<>(stored.decoded()), "kept");
        assertThat(stored.decoded().get("user_id")).isInstanceOf(Integer.class);

        writer.put("user_id", 43);
        writer.save();
        assertThat(load(engine, key).decoded().get("user_id")).as("the next write's session").isEqualTo(43);
        assertThat(engine.open(key).get("cart")).isEqualTo(List.of(Map.of("sku", "A-1", "qty", 2)));
    }

    @Test
    @DisplayName("K1c a write never keeps what no decode reads back: a session is read the same on the node that wrote "
            + "it and on any other (a 2 MB compressible value, a 60,000-character name)")
    void k1c_writeKeepsOnlyWhatADecodeReads() {
        StorageSessionEngine engine = engine(Map.of());
        SessionCodec codec = engine.context().codec();

        SessionStore big = engine.open(null);
        big.put("blob", "a".repeat(2_000_000)); // compressed, it would inflate past sessions.signing.max_decompressed_bytes
        big.save();
        SessionStorage.Stored stored = load(engine, big.getSessionKey());
        assertThat(stored.data()).as("kept plain, so that every reader reads it").doesNotStartWith(".");
        assertThat(codec.decode(stored.data(), Instant.now()).orElseThrow().data().get("blob")).isEqualTo("a".repeat(2_000_000));
        assertThat(engine.open(big.getSessionKey()).get("blob")).isEqualTo("a".repeat(2_000_000));

        SessionStore longName = engine.open(null);
        longName.put("k".repeat(60_000), 1); // written, but longer than Jackson reads
        longName.save();
        SessionStorage.Stored written = load(engine, longName.getSessionKey());
        assertThat(written.decoded()).as("not kept: the next read decodes, as on any other node").isNull();
        assertThat(new LinkedHashMap<>(engine.open(longName.getSessionKey()))).isEqualTo(
                codec.decode(written.data(), Instant.now()).map(d -> new LinkedHashMap<>(d.data())).orElse(new LinkedHashMap<>()));
    }

    @Test
    @DisplayName("K2 values are isolated: nested lists and maps changed in place by one request are not what another reads")
    @SuppressWarnings("unchecked")
    void k2_readersAreIsolated() {
        StorageSessionEngine engine = engine(Map.of());
        String key = saved(engine, cart());

        SessionStore first = engine.open(key); // decodes; the heap keeps a copy of what it decoded
        ((List<Object>) first.get("cart")).add("from first");
        ((Map<String, Object>) first.get("prefs")).put("theme", "changed by first");
        ((Map<String, Object>) ((List<Object>) first.get("cart")).get(0)).put("qty", 99);

        SessionStore second = engine.open(key); // from the heap
        assertThat(load(engine, key).decoded()).isNotNull();
        assertThat(second.get("cart")).isEqualTo(List.of(Map.of("sku", "SKU-1", "qty", 2)));
        assertThat(second.get("prefs")).isEqualTo(Map.of("theme", "dark"));
        ((List<Object>) second.get("cart")).clear();
        ((Map<String, Object>) second.get("prefs")).clear();
        second.put("top", "level");

        SessionStore third = engine.open(key);
        assertThat(third.get("cart")).isEqualTo(List.of(Map.of("sku", "SKU-1", "qty", 2)));
        assertThat(third.get("prefs")).isEqualTo(Map.of("theme", "dark"));
        assertThat(third.containsKey("top")).isFalse();
    }

    @Test
    @DisplayName("K2b every way a value leaves the store hands out its own copy: get twice, pop, put's previous value, values(), entrySet(), getOrDefault, setDefault")
    @SuppressWarnings("unchecked")
    void k2b_everyHandOutIsACopy() {
        StorageSessionEngine engine = engine(Map.of());
        String key = saved(engine, cart());
        engine.open(key).get("cart"); // decodes; the heap keeps a copy of what it decoded
        List<Object> original = List.of(Map.of("sku", "SKU-1", "qty", 2));

        SessionStore store = engine.open(key); // from the heap
        assertThat(load(engine, key).decoded()).isNotNull();
        List<Object> cart = (List<Object>) store.get("cart");
        cart.add("one");
        assertThat(store.get("cart")).as("a second get returns the same, changed list").isSameAs(cart);
        ((List<Object>) store.getOrDefault("cart", null)).add("two");
        ((List<Object>) store.setDefault("cart", List.of())).add("three");
        assertThat((List<Object>) store.get("cart")).hasSize(4);
        ((Map<String, Object>) store.pop("prefs")).put("theme", "popped");
        assertThat(engine.open(key).get("prefs")).isEqualTo(Map.of("theme", "dark"));

        SessionStore viaPut = engine.open(key);
        ((List<Object>) viaPut.put("cart", "replaced")).add("put's previous value");
        SessionStore viaValues = engine.open(key);
        viaValues.values().forEach(v -> {
            if (v instanceof List<?> list) {
                ((List<Object>) list).add("values()");
            }
        });
        SessionStore viaEntries = engine.open(key);
        viaEntries.entrySet().forEach(e -> {
            if (e.getValue() instanceof Map<?, ?> map) {
                ((Map<String, Object>) map).put("theme", "entrySet()");
            }
        });
        assertThat(viaEntries.get("prefs")).as("the entry's map is the store's own").isEqualTo(Map.of("theme", "entrySet()"));

        SessionStore after = engine.open(key);
        assertThat(after.get("cart")).isEqualTo(original);
        assertThat(after.get("prefs")).isEqualTo(Map.of("theme", "dark"));
    }

    @Test
    @DisplayName("K2c reads share the heap's kept map, read-only: a request's top-level changes (put, pop, clear, replaceAll, a lost save race) stay its own")
    @SuppressWarnings("unchecked")
    void k2c_sharedMapCopiedOnFirstChange() {
        StorageSessionEngine engine = engine(Map.of());
        String key = saved(engine, cart());
        engine.open(key).get("cart"); // decodes; the heap keeps a copy of what it decoded
        Map<String, Object> original = new LinkedHashMap<>(engine.open(key));
        SessionStorage.Stored kept = load(engine, key);
        assertThat(kept.decoded().data()).as("handed out as is, not copied per read").isSameAs(load(engine, key).decoded().data());
        assertThatThrownBy(() -> kept.decoded().data().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);

        SessionStore bystander = engine.open(key);
        assertThat(bystander.get("price")).isNotNull(); // shares the kept map
        SessionStore a = engine.open(key);
        a.put("top", "level");
        a.pop("prefs");
        ((List<Object>) a.get("cart")).add("mine");
        SessionStore b = engine.open(key);
        b.replaceAll((k, v) -> "replaced");
        SessionStore c = engine.open(key);
        c.clear();
        assertThat(a).containsEntry("top", "level").doesNotContainKey("prefs");
        assertThat(b.values()).containsOnly("replaced");
        assertThat(c.size()).isZero();
        assertThat(new LinkedHashMap<>(bystander)).isEqualTo(original);
        assertThat(new LinkedHashMap<>(engine.open(key))).isEqualTo(original);

        SessionStore loser = engine.open(key);
        loser.get("price");
        SessionStore winner = engine.open(key);
        winner.put("won", true);
        winner.save();
        engine.open(key).get("won"); // the winner's data is kept now: the loser's retry loads it
        SessionStorage.Stored keptAfterWinner = load(engine, key);
        Map<String, Object> winnersData = new LinkedHashMap<>(keptAfterWinner.decoded().data());
        loser.put("lost", true);
        loser.save();
        assertThat(keptAfterWinner.decoded().data()).isEqualTo(winnersData);
        assertThat(engine.open(key)).containsEntry("won", true).containsEntry("lost", true);
    }

    @Test
    @DisplayName("K2d concurrent readers of one kept session that change what they read each see the stored data and their own changes only")
    @SuppressWarnings("unchecked")
    void k2d_concurrentReaders() throws Exception {
        StorageSessionEngine engine = engine(Map.of());
        String key = saved(engine, cart());
        engine.open(key).get("cart");
        Map<String, Object> original = new LinkedHashMap<>(engine.open(key));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                String mine = "thread-" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        SessionStore s = engine.open(key);
                        assertThat(s.containsKey("mine")).isFalse();
                        assertThat(s.get("cart")).isEqualTo(original.get("cart"));
                        s.put("mine", mine);
                        ((List<Object>) s.get("cart")).add(mine);
                        ((Map<String, Object>) s.get("prefs")).put("theme", mine);
                        assertThat(s).containsEntry("mine", mine).hasSize(original.size() + 1);
                        assertThat((List<Object>) s.get("cart")).hasSize(2).contains(mine);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(new LinkedHashMap<>(engine.open(key))).isEqualTo(original);
        assertThat(new LinkedHashMap<>(load(engine, key).decoded().data())).isEqualTo(original);
    }

    @Test
    @DisplayName("K2e the principal of a session read from the heap's kept map is known to the index and the events: a write that keeps it, logout, key change, a new principal")
    void k2e_principalOfKeptSessions() {
        StorageSessionEngine engine = engine(Map.of());
        SessionsByUser byUser = engine.capability(SessionsByUser.class).orElseThrow();
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        engine.capability(SessionEvents.class).orElseThrow().addListener(new SessionListener() {
            @Override
            public void onEvent(SessionEvent event) {
                events.add(event);
            }
        });
        SessionStore login = engine.open(null);
        login.setPrincipal("alice");
        login.save();
        String first = login.getSessionKey();
        engine.open(first).get("x"); // decodes; the heap keeps it: the reads below share it
        assertThat(load(engine, first).decoded()).isNotNull();
        assertThat(byUser.list("alice")).hasSize(1);

        events.clear();
        SessionStore unrelated = engine.open(first);
        unrelated.put("x", 1);
        unrelated.save();
        assertThat(events).as("the principal did not change").isEmpty();
        engine.open(first).get("x");

        SessionStore cycling = engine.open(first);
        cycling.get("x");
        cycling.cycleKey();
        String second = cycling.getSessionKey();
        assertThat(byUser.list("alice")).hasSize(1);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(SessionEvent.Type.KEY_CYCLED);
            assertThat(e.principal()).isEqualTo("alice");
        });
        engine.open(second).get("x"); // kept again, under the new key

        SessionStore rebinding = engine.open(second);
        rebinding.get("x");
        rebinding.setPrincipal("bob");
        rebinding.save();
        assertThat(byUser.list("alice")).isEmpty();
        assertThat(byUser.list("bob")).hasSize(1);
        engine.open(second).get("x");

        events.clear();
        SessionStore logout = engine.open(second);
        assertThat(logout.get("x")).isEqualTo(1);
        logout.flush();
        assertThat(byUser.list("bob")).isEmpty();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(SessionEvent.Type.DELETED);
            assertThat(e.principal()).isEqualTo("bob");
        });
    }

    @Test
    @DisplayName("K3 a session kept on the heap still expires by the store's judgement: its _session_expiry from its signing time")
    void k3_expiryStillJudged() {
        StorageSessionEngine engine = engine(Map.of());
        SessionCodec codec = engine.context().codec();
        Map<String, Object> data = new LinkedHashMap<>(Map.of("a", 1, "_session_expiry", 60));
        // An entry that outlives the session it holds (as one written by Django with a longer cache timeout).
        engine.storage().create("keptexpiry0123456789abcdefghijkl", codec.encode(data, clock.instant()),
                clock.instant().plus(Duration.ofHours(1)));
        String key = "keptexpiry0123456789abcdefghijkl";

        assertThat(engine.open(key).get("a")).isEqualTo(1);
        assertThat(load(engine, key).decoded()).isNotNull();
        clock.advance(Duration.ofSeconds(59));
        assertThat(engine.open(key).get("a")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        SessionStore late = engine.open(key);
        assertThat(late.get("a")).as("expired 60 s after signing, though the heap kept it").isNull();
        assertThat(late.getSessionKey()).isNull();
    }

    @Test
    @DisplayName("K4 sessions.max_lifetime still ends a session kept on the heap")
    void k4_maxLifetimeStillJudged() {
        StorageSessionEngine engine = engine(Map.of("sessions.max_lifetime", "100"));
        Map<String, Object> data = new LinkedHashMap<>(Map.of("a", 1,
                SessionStore.CREATED_KEY, clock.instant().toEpochMilli()));
        String key = "keptlifetime0123456789abcdefghij";
        engine.storage().create(key, engine.context().codec().encode(data, clock.instant()),
                clock.instant().plus(Duration.ofHours(1))); // an entry that outlives the lifetime
        assertThat(engine.open(key).get("a")).isEqualTo(1);
        assertThat(load(engine, key).decoded()).isNotNull();
        clock.advance(Duration.ofSeconds(99));
        assertThat(engine.open(key).get("a")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(engine.open(key).get("a")).isNull();
    }

    @Test
    @DisplayName("K5 a tampered value written over a kept entry is rejected: only what was verified on this heap is kept")
    void k5_tamperedValueNeverKept() {
        StorageSessionEngine engine = engine(Map.of());
        String key = saved(engine, cart());
        assertThat(engine.open(key).get("prefs")).isNotNull();
        SessionCache cache = ((CacheSessionStorage) engine.storage()).cache();
        String good = cache.get(key).orElseThrow();

        cache.set(key, tampered(good), Duration.ofHours(1));
        SessionStore store = engine.open(key);
        assertThat(store.get("prefs")).isNull();
        assertThat(store.getSessionKey()).isNull();
        assertThat(engine.storage().load(key, clock.instant()).orElseThrow().decoded()).isNull();
    }

    @Test
    @DisplayName("K6 the disk tier stores the signed string only; read back after a restart it is verified again, and Django reads it")
    void k6_diskTierStoresSignedJson(@TempDir Path dir) throws Exception {
        Map<String, String> disk = Map.of("sessions.cache.disk_path", dir.resolve("disk").toString(),
                "sessions.cache.disk_size_mb", "16", "sessions.cache.max_entries", "10");
        StorageSessionEngine engine = engine(disk);
        String key = saved(engine, cart());
        assertThat(engine.open(key).get("prefs")).isNotNull(); // kept on the heap
        String signed = ((CacheSessionStorage) engine.storage()).cache().get(key).orElseThrow();
        engine.close();
        engines.remove(engine);
        assertThat(containsBytes(dir, signed.getBytes(StandardCharsets.UTF_8))).as("the signed string is on disk").isTrue();

        StorageSessionEngine restarted = engine(disk);
        assertThat(load(restarted, key).decoded()).as("read back from disk: nothing kept").isNull();
        assertThat(load(restarted, key).data()).isEqualTo(signed);
        assertThat(restarted.open(key).get("prefs")).isEqualTo(Map.of("theme", "dark"));
        assertThat(djangoLoads(signed)).isEqualTo(
                "{\"cart\": [{\"qty\": 2, \"sku\": \"SKU-1\"}], \"prefs\": {\"theme\": \"dark\"}, \"price\": 1.2345678901234568e+16}");
    }

    @Test
    @DisplayName("K7 an entry tampered with on disk is rejected after a restart")
    void k7_tamperedDiskEntryRejected(@TempDir Path dir) {
        Map<String, String> disk = Map.of("sessions.cache.disk_path", dir.resolve("disk").toString(),
                "sessions.cache.disk_size_mb", "16");
        StorageSessionEngine engine = engine(disk);
        String key = saved(engine, cart());
        assertThat(engine.open(key).get("prefs")).isNotNull();
        SessionCache cache = ((CacheSessionStorage) engine.storage()).cache();
        cache.set(key, tampered(cache.get(key).orElseThrow()), Duration.ofHours(1));
        engine.close();
        engines.remove(engine);

        StorageSessionEngine restarted = engine(disk);
        SessionStore store = restarted.open(key);
        assertThat(store.get("prefs")).isNull();
        assertThat(store.getSessionKey()).isNull();
    }

    @Test
    @DisplayName("K8 secret rotation goes through the codec: after a restart on a new secret, the old one's entries read only as a fallback")
    void k8_rotatedSecretGoesThroughCodec(@TempDir Path dir) {
        Map<String, String> disk = new LinkedHashMap<>(Map.of("sessions.cache.disk_path", dir.resolve("disk").toString(),
                "sessions.cache.disk_size_mb", "16", "sessions.secret.key", OLD_SECRET));
        StorageSessionEngine old = engine(disk);
        String key = saved(old, cart());
        assertThat(old.open(key).get("prefs")).isNotNull();
        old.close();
        engines.remove(old);

        disk.put("sessions.secret.key", SECRET);
        StorageSessionEngine withoutFallback = engine(disk);
        assertThat(withoutFallback.open(key).get("prefs")).as("old secret dropped").isNull();
        withoutFallback.close();
        engines.remove(withoutFallback);

        // The refused read above left the entry in place; with the old secret as a fallback it reads again.
        disk.put("sessions.secret.key.fallbacks", OLD_SECRET);
        StorageSessionEngine rotated = engine(disk);
        assertThat(rotated.open(key).get("prefs")).isEqualTo(Map.of("theme", "dark"));
        assertThat(load(rotated, key).decoded()).isNotNull();
        assertThat(rotated.open(key).get("prefs")).isEqualTo(Map.of("theme", "dark"));
    }

    /** Changes one character of the signed part: the signature no longer matches. */
    static String tampered(String signed) {
        char c = signed.charAt(5);
        return signed.substring(0, 5) + (c == 'A' ? 'B' : 'A') + signed.substring(6);
    }

    static boolean containsBytes(Path dir, byte[] needle) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] haystack = Files.readAllBytes(file);
                outer:
                for (int i = 0; i + needle.length <= haystack.length; i++) {
                    for (int j = 0; j < needle.length; j++) {
                        if (haystack[i + j] != needle[j]) {
                            continue outer;
                        }
                    }
                    return true;
                }
            }
        }
        return false;
    }

    /** Django's {@code signing.loads} of a cache value (the cache backend's {@code session_data}). */
    static String djangoLoads(String signed) throws Exception {
        String python = RealDjango.python();
        String script = String.join("\n",
                "import json, sys",
                "from django.conf import settings",
                "settings.configure(SECRET_KEY=sys.argv[1])",
                "from django.core import signing",
                "from django.contrib.sessions.serializers import JSONSerializer",
                "data = signing.loads(sys.argv[2], salt='django.contrib.sessions.SessionStore', serializer=JSONSerializer)",
                "print(json.dumps(data, sort_keys=True))");
        Process process = new ProcessBuilder(python, "-c", script, SECRET, signed).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    /** Equal, with the same classes all the way down (and the same key order). */
    static void assertSameTree(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            assertThat(actual).as(path).isEqualTo(expected);
            return;
        }
        assertThat(actual.getClass()).as(path).isEqualTo(expected.getClass());
        if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(new ArrayList<>(a.keySet())).as(path).isEqualTo(new ArrayList<>(e.keySet()));
            e.forEach((k, v) -> assertSameTree(v, a.get(k), path + "." + k));
        } else if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            assertThat(a).as(path).hasSameSizeAs(e);
            Iterator<?> ai = a.iterator();
            int i = 0;
            for (Object v : e) {
                assertSameTree(v, ai.next(), path + "[" + i++ + "]");
            }
        } else {
            assertThat(Objects.equals(expected, actual)).as("%s: %s vs %s", path, expected, actual).isTrue();
        }
    }
}
