package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.spi.StoredBytes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The memo of verified records ({@code sessions.verified_records}, issue #20): a record the storage returns again with
 * exactly the data this engine verified before is not decoded again. Decodes are counted at the codec; every read is
 * also checked for what it gives, so that a memo that skipped decodes by serving wrong data fails as surely as one
 * that never skips.
 */
class VerifiedRecordsTest {
    private final MutableClock clock = MutableClock.startingNow();
    private final List<StorageSessionEngine> engines = new ArrayList<>();
    private final AtomicInteger decodes = new AtomicInteger();

    @AfterEach
    void close() {
        engines.forEach(StorageSessionEngine::close);
    }

    @Test
    @DisplayName("V1 a session read again unchanged is decoded on its first two reads only; each read gives its data")
    void rereadIsNotDecoded() {
        StorageSessionEngine engine = engine(new InMemorySessionStorage(), Map.of());
        String key = saved(engine, Map.of("user", 7, "cart", List.of(Map.of("sku", "A"))));
        decodes.set(0);
        for (int i = 0; i < 6; i++) {
            SessionStore s = engine.open(key);
            assertThat(s.get("user")).isEqualTo(7);
            assertThat(s.get("cart")).isEqualTo(List.of(Map.of("sku", "A")));
        }
        assertThat(decodes).as("the first read notes the key, the second keeps its decode").hasValue(2);
    }

    @Test
    @DisplayName("V2 a save of a held session keeps what it wrote: the next reads decode nothing and give the new data")
    void writeOfHeldSessionIsKept() {
        StorageSessionEngine engine = engine(new InMemorySessionStorage(), Map.of());
        String key = saved(engine, Map.of("n", 1));
        readTimes(engine, key, 3);
        SessionStore writer = engine.open(key);
        writer.put("n", 2);
        writer.save();
        decodes.set(0);
        for (int i = 0; i < 3; i++) {
            assertThat(engine.open(key).get("n")).isEqualTo(2);
        }
        assertThat(decodes).hasValue(0);
    }

    @Test
    @DisplayName("V3 with sessions.verified_records=0 every read decodes")
    void offDecodesEveryRead() {
        StorageSessionEngine engine = engine(new InMemorySessionStorage(), Map.of("sessions.verified_records", "0"));
        String key = saved(engine, Map.of("n", 1));
        decodes.set(0);
        readTimes(engine, key, 5);
        assertThat(decodes).hasValue(5);
    }

    @Test
    @DisplayName("V4 data changed under a held key is decoded: tampered to the same length reads empty, another writer's reads as theirs")
    void changedDataIsDecoded() {
        InMemorySessionStorage storage = new InMemorySessionStorage();
        StorageSessionEngine engine = engine(storage, Map.of());
        String key = saved(engine, Map.of("role", "user"));
        readTimes(engine, key, 3);
        Instant now = clock.instant();
        SessionStorage.Stored held = storage.load(key, now).orElseThrow();
        String data = held.data();
        // One character of the payload changed: same length, same signature, so only a full comparison tells.
        char flipped = data.charAt(5) == 'A' ? 'B' : 'A';
        String tampered = data.substring(0, 5) + flipped + data.substring(6);
        storage.replace(key, held, tampered, now.plus(Duration.ofDays(1)));
        decodes.set(0);
        assertThat(engine.open(key).keySet()).isEmpty();
        assertThat(decodes).hasValue(1);

        String other = saved(engine, Map.of("role", "user"));
        readTimes(engine, other, 3);
        SessionStorage.Stored current = storage.load(other, now).orElseThrow();
        String theirs = engine.context().codec().encode(Map.of("role", "admin"), now.plusSeconds(1));
        storage.replace(other, current, theirs, now.plus(Duration.ofDays(1)));
        assertThat(engine.open(other).get("role")).isEqualTo("admin");
    }

    @Test
    @DisplayName("V5 a storage that reads bytes: recalled by comparing bytes, and a save's data kept as bytes for the next read")
    void bytesAreComparedAsBytes() {
        BytesStorage storage = new BytesStorage(new InMemorySessionStorage());
        StorageSessionEngine engine = engine(storage, Map.of());
        String key = saved(engine, Map.of("n", 1));
        decodes.set(0);
        readTimes(engine, key, 4);
        assertThat(decodes).hasValue(2);
        SessionStore writer = engine.open(key);
        writer.put("n", 2);
        writer.save();
        decodes.set(0);
        assertThat(engine.open(key).get("n")).isEqualTo(2);
        assertThat(engine.open(key).get("n")).isEqualTo(2);
        assertThat(decodes).as("the save's data, kept as bytes, matches the bytes read").hasValue(0);
    }

    @Test
    @DisplayName("V6 data over 4,096 characters and compressed data are never kept: decoded on every read")
    void largeAndCompressedAreNotKept() {
        StorageSessionEngine engine = engine(new InMemorySessionStorage(),
                Map.of("sessions.signing.compress_min_bytes", "1000000")); // stored plain: long, not compressed
        Random random = new Random(6);
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            noise.append((char) ('a' + random.nextInt(26)));
        }
        String large = saved(engine, Map.of("noise", noise.toString()));
        assertThat(engine.storage().load(large, clock.instant()).orElseThrow().data()).doesNotStartWith(".").hasSizeGreaterThan(4096);
        decodes.set(0);
        readTimes(engine, large, 4);
        assertThat(decodes).hasValue(4);

        StorageSessionEngine compressing = engine(new InMemorySessionStorage(),
                Map.of("sessions.signing.compress_min_bytes", "0"));
        String compressed = saved(compressing, Map.of("flash", "x".repeat(500)));
        assertThat(compressing.storage().load(compressed, clock.instant()).orElseThrow().data()).startsWith(".");
        decodes.set(0);
        readTimes(compressing, compressed, 4);
        assertThat(decodes).hasValue(4);
    }

    @Test
    @DisplayName("V7 far more sessions than entries, read in random order: every read gives its own session")
    void boundedMemoNeverMixesSessions() {
        StorageSessionEngine engine = engine(new InMemorySessionStorage(), Map.of("sessions.verified_records", "16"));
        List<String> keys = new ArrayList<>();
        Map<String, Integer> owner = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String key = saved(engine, Map.of("id", i));
            keys.add(key);
            owner.put(key, i);
        }
        Random random = new Random(7);
        for (int round = 0; round < 6; round++) {
            List<String> order = new ArrayList<>(keys);
            Collections.shuffle(order, random);
            for (String key : order.subList(0, 20)) { // a hot few, read again and again...
                for (int i = 0; i < 3; i++) {
                    assertThat(engine.open(key).get("id")).isEqualTo(owner.get(key));
                }
            }
            for (String key : order) { // ...and all of them, which evicts
                assertThat(engine.open(key).get("id")).isEqualTo(owner.get(key));
            }
        }
    }

    @Test
    @DisplayName("V8 a recalled record is judged by the record as read now: a file time moved into the past ends it")
    void recalledRecordIsJudgedAfresh() {
        FileTimeStorage storage = new FileTimeStorage();
        StorageSessionEngine engine = engine(storage, Map.of());
        String key = saved(engine, Map.of("n", 1));
        readTimes(engine, key, 3);
        decodes.set(0);
        assertThat(engine.open(key).get("n")).isEqualTo(1);
        assertThat(decodes).as("held").hasValue(0);
        storage.touch(key, clock.instant().minus(Duration.ofDays(30))); // same data, modified a month ago
        assertThat(engine.open(key).keySet()).isEmpty();
    }

    private StorageSessionEngine engine(SessionStorage storage, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("sessions.secret.key", "verified-records-secret-0123456789"));
        settings.putAll(overrides);
        SessionContext context = SessionContext.create(SessionSettings.of(settings), clock);
        StorageSessionEngine engine = new StorageSessionEngine("test", context, new CountingCodec(context.codec(), decodes), storage);
        engines.add(engine);
        return engine;
    }

    private static String saved(StorageSessionEngine engine, Map<String, Object> data) {
        SessionStore s = engine.open(null);
        s.putAll(data);
        s.save();
        return s.getSessionKey();
    }

    private static void readTimes(StorageSessionEngine engine, String key, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(engine.open(key).keySet()).isNotEmpty();
        }
    }

    /** A storage that reads its records as fresh bytes every time, as a database driver or Redis client does. */
    private static final class BytesStorage extends SessionStoreTest.DelegatingStorage {
        BytesStorage(SessionStorage storage) {
            super(storage);
        }

        @Override
        public Optional<Stored> load(String key, Instant now) {
            return super.load(key, now).map(s -> Stored.ofBytes(s.key(),
                    StoredBytes.of(s.data().getBytes(StandardCharsets.UTF_8)), s.expiry()));
        }
    }

    /** Records with a modification time and no expiry, judged by the store as Django's file backend judges files. */
    private final class FileTimeStorage implements SessionStorage {
        private final Map<String, Stored> records = new ConcurrentHashMap<>();

        void touch(String key, Instant modified) {
            records.computeIfPresent(key, (k, s) -> new Stored(k, s.data(), null, modified));
        }

        @Override
        public Optional<Stored> load(String key, Instant now) {
            return Optional.ofNullable(records.get(key));
        }

        @Override
        public boolean exists(String key, Instant now) {
            return records.containsKey(key);
        }

        @Override
        public Stored create(String key, String data, Instant expiry) {
            Stored stored = new Stored(key, data, null, clock.instant());
            records.put(key, stored);
            return stored;
        }

        @Override
        public Optional<Stored> replace(String key, Stored expected, String data, Instant expiry) {
            Stored next = new Stored(key, data, null, clock.instant());
            Stored current = records.get(key);
            if (current == null || expected != null && !current.data().equals(expected.data())) {
                return Optional.empty();
            }
            records.put(key, next);
            return Optional.of(next);
        }

        @Override
        public boolean delete(String key) {
            return records.remove(key) != null;
        }

        @Override
        public long clearExpired(Instant now, LongConsumer progress) {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
