package io.sessions4j.engine.cacheddb;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.InMemorySessionStorage;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.testkit.MutableClock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The write-through rules on in-memory tiers, with a cache that can be switched off. */
class CachedDbStorageTest {
    private static final String SLOW_READER = "slow-reader";
    private final MutableClock clock = MutableClock.startingNow();
    private final InMemorySessionStorage db = new InMemorySessionStorage();
    private final InMemorySessionStorage cacheData = new InMemorySessionStorage();
    private final SwitchableStorage cache = new SwitchableStorage(cacheData);
    private final CachedDbStorage storage = new CachedDbStorage(db, cache);
    private final StorageSessionEngine engine = new StorageSessionEngine("cached_db",
            SessionSettings.of(Map.of("sessions.secret.key", "cached-db-secret")), clock, storage);

    @AfterEach
    void close() {
        engine.close();
    }

    private String saved(Map<String, Object> data) {
        SessionStore s = engine.open(null);
        s.putAll(data);
        s.save();
        return s.getSessionKey();
    }

    @Test
    @DisplayName("G5 a cache hit costs no database call")
    void g5_hitCostsNoDatabaseCall() {
        String key = saved(Map.of("a", 1));
        long before = db.calls();
        assertThat(engine.open(key).get("a")).isEqualTo(1);
        assertThat(engine.open(key).exists(key)).isTrue();
        assertThat(db.calls() - before).isZero();
    }

    @Test
    @DisplayName("G5 a miss reads the database and fills the cache with the same expiry")
    void g5_missFillsCache() {
        String key = saved(Map.of("a", 1));
        cacheData.delete(key);
        assertThat(engine.open(key).get("a")).isEqualTo(1);
        assertThat(cacheData.records().get(key)).isEqualTo(db.records().get(key));
        long before = db.calls();
        assertThat(engine.open(key).get("a")).isEqualTo(1);
        assertThat(db.calls() - before).isZero();
    }

    @Test
    @DisplayName("G5 a write goes to the database first, then the cache; at most two calls")
    void g5_writeThrough() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        s.get("a");
        long dbBefore = db.calls();
        long cacheBefore = cacheData.calls();
        s.put("b", 2);
        s.save();
        assertThat(db.calls() - dbBefore).isEqualTo(1);
        assertThat(cacheData.calls() - cacheBefore).isEqualTo(1);
        assertThat(cacheData.records().get(key).data()).isEqualTo(db.records().get(key).data());
    }

    @Test
    @DisplayName("G5 a failing cache on read falls back to the database; on write and delete it is not thrown")
    void g5_cacheFailuresAreNotThrown() {
        String key = saved(Map.of("a", 1));
        cache.down();
        SessionStore s = engine.open(key);
        assertThat(s.get("a")).isEqualTo(1);
        s.put("b", 2);
        s.save();
        SessionStore created = engine.open(null);
        created.put("c", 3);
        created.save();
        assertThat(engine.open(key).get("b")).isEqualTo(2);
        assertThat(engine.open(created.getSessionKey()).get("c")).isEqualTo(3);
        engine.open(created.getSessionKey()).flush();
        assertThat(db.records()).doesNotContainKey(created.getSessionKey());
    }

    @Test
    @DisplayName("G5 no resurrection: a flush whose cache delete failed never serves the stale cache entry")
    void g5_noResurrectionAfterFailedCacheDelete() {
        String key = saved(Map.of("user_id", 42));
        assertThat(cacheData.records()).containsKey(key);
        cache.down();
        SessionStore logout = engine.open(key);
        logout.flush(); // database row gone, cache delete failed: the cache still holds the session
        assertThat(cacheData.records()).containsKey(key);
        cache.up();
        waitForRetryWindow();
        SessionStore next = engine.open(key);
        assertThat(next.get("user_id")).isNull();
        assertThat(next.getSessionKey()).isNull();
        assertThat(cacheData.records()).as("repaired").doesNotContainKey(key);
        assertThat(storage.doubtfulKeys()).isZero();
    }

    @Test
    @DisplayName("G5 no resurrection while the cache stays down: reads skip it")
    void g5_noResurrectionWhileDown() {
        String key = saved(Map.of("user_id", 42));
        cache.down();
        engine.open(key).flush();
        assertThat(engine.open(key).get("user_id")).isNull();
    }

    @Test
    @DisplayName("G5 a write whose cache update failed does not leave old data to be read later")
    void g5_failedCacheWriteIsNotServedStale() {
        String key = saved(Map.of("v", 1));
        cache.down();
        SessionStore s = engine.open(key);
        s.put("v", 2);
        s.save();
        cache.up();
        waitForRetryWindow();
        assertThat(engine.open(key).get("v")).isEqualTo(2);
    }

    @Test
    @DisplayName("E7 a miss whose fill races a write (the write between the reader's SELECT and its fill) never serves the older data: the writer's next read sees its write")
    void e7_fillAfterAWriteIsNeverServed() throws Exception {
        raceAWriteWithAFill(false);
    }

    @Test
    @DisplayName("E8 not even between that fill and the reader's second look at the database")
    void e8_unconfirmedFillIsNeverServed() throws Exception {
        raceAWriteWithAFill(true);
    }

    /**
     * A reader misses the cache and reads the database; it is held right after that read while a writer saves the
     * session (the cache then has no entry for the writer to update). The writer's next reads must see its write —
     * also, with {@code readWhileFilled}, while the reader, released, has filled the cache and is held again at its
     * next database read (the check of what it filled) — and the cache ends with the database's data or nothing.
     */
    private void raceAWriteWithAFill(boolean readWhileFilled) throws Exception {
        CountDownLatch readerRead = new CountDownLatch(1);
        CountDownLatch writerSaved = new CountDownLatch(1);
        CountDownLatch readerFilled = new CountDownLatch(1);
        CountDownLatch writerReadAgain = new CountDownLatch(1);
        // Held after its first read (before its fill) and, with readWhileFilled, at its second (its check).
        StorageSessionEngine racing = engineOver(slowReaderDatabase(read -> {
            if (read == 1) {
                readerRead.countDown();
                await(writerSaved);
            } else if (read == 2 && readWhileFilled) {
                readerFilled.countDown();
                await(writerReadAgain);
            }
        }));
        try {
            String key = savedN1(racing);
            SessionStore writer = racing.open(key);
            assertThat(writer.get("n")).isEqualTo(1);
            cacheData.delete(key); // evicted from the cache (TTL, memory), as a cache does
            Thread reader = slowReader(racing, key);
            assertThat(readerRead.await(10, TimeUnit.SECONDS)).isTrue(); // read n=1, not filled
            writer.put("n", 2);
            writer.save(); // the database takes it; the cache has no entry to update
            writerSaved.countDown();
            if (readWhileFilled) {
                assertThat(readerFilled.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(cacheData.records().get(key)).as("the reader's fill").isNotNull();
                assertThat(racing.open(key).get("n")).as("the writer's next read, the older data in the cache").isEqualTo(2);
                writerReadAgain.countDown();
            }
            reader.join(10_000);
            assertThat(racing.open(key).get("n")).as("the writer's read once the reader is done").isEqualTo(2);
            assertThat(racing.open(key).get("n")).isEqualTo(2);
            assertThat(cacheData.records().get(key)).satisfiesAnyOf(
                    cached -> assertThat(cached).isNull(),
                    cached -> assertThat(cached.data()).isEqualTo(db.records().get(key).data()));
        } finally {
            racing.close();
        }
    }

    @Test
    @DisplayName("E9 a reader confirms only its own fill: not an equal one another reader made after a write evicted the first")
    void e9_confirmsOnlyItsOwnFill() throws Exception {
        CountDownLatch checked = new CountDownLatch(1);
        CountDownLatch meanwhile = new CountDownLatch(1);
        StorageSessionEngine racing = engineOver(slowReaderDatabase(read -> {
            if (read == 2) {
                checked.countDown(); // its check read the data it filled: about to confirm
                await(meanwhile);
            }
        }));
        try {
            String key = savedN1(racing);
            SessionStorage.Stored one = db.records().get(key);
            cacheData.delete(key);
            Thread reader = slowReader(racing, key);
            assertThat(checked.await(10, TimeUnit.SECONDS)).isTrue();
            // Meanwhile: a write commits n=2 and evicts the reader's unconfirmed fill; another reader, whose database
            // read came before that write, fills the same older data again.
            String two = racing.context().codec().encode(Map.of("n", 2), clock.instant().plusSeconds(1));
            assertThat(db.replace(key, one, two, one.expiry())).isPresent();
            cacheData.delete(key);
            cacheData.create(key, CachedDbStorage.UNCONFIRMED + one.data() + CachedDbStorage.UNCONFIRMED + "0", one.expiry());
            meanwhile.countDown();
            reader.join(10_000);
            assertThat(racing.open(key).get("n")).as("read after the first reader's confirm").isEqualTo(2);
            assertThat(racing.open(key).get("n")).isEqualTo(2);
        } finally {
            racing.close();
        }
    }

    /** This test's database tier, calling {@code atRead} with the number of each read of the slow reader, after it. */
    private SwitchableStorage slowReaderDatabase(IntConsumer atRead) {
        AtomicInteger reads = new AtomicInteger();
        return new SwitchableStorage(db) {
            @Override
            public Optional<Stored> load(String key, Instant now) {
                Optional<Stored> read = super.load(key, now);
                if (Thread.currentThread().getName().equals(SLOW_READER)) {
                    atRead.accept(reads.incrementAndGet());
                }
                return read;
            }
        };
    }

    /** A cached_db engine over {@code database} and this test's cache. */
    private StorageSessionEngine engineOver(SessionStorage database) {
        return new StorageSessionEngine("cached_db", SessionSettings.of(Map.of("sessions.secret.key", "cached-db-secret")),
                clock, new CachedDbStorage(database, cache));
    }

    /** The key of a new session holding n=1. */
    private static String savedN1(StorageSessionEngine engine) {
        SessionStore first = engine.open(null);
        first.put("n", 1);
        first.save();
        return first.getSessionKey();
    }

    /** Starts the slow reader: a request reading {@code key}. */
    private static Thread slowReader(StorageSessionEngine engine, String key) {
        Thread reader = new Thread(() -> engine.open(key).get("n"), SLOW_READER);
        reader.start();
        return reader;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("E3 a stale cache entry makes a writer re-read the database, not loop on the cache")
    void e3_staleCacheEntryIsEvictedOnConflict() {
        String key = saved(Map.of("a", 1));
        SessionStore other = engine.open(key);
        other.put("b", 2);
        other.save();
        // Simulate a cache left behind with the first version (e.g. a lost update of the cache).
        cacheData.records().put(key, new io.sessions4j.spi.SessionStorage.Stored(key,
                engine.context().codec().encode(Map.of("a", 1), engine.clock().instant()), db.records().get(key).expiry()));
        SessionStore s = engine.open(key);
        s.put("c", 3);
        s.save();
        assertThat(Map.copyOf(engine.open(key))).isEqualTo(Map.of("a", 1, "b", 2, "c", 3));
    }

    @Test
    @DisplayName("G5 the cache is used again once it answers")
    void g5_cacheUsedAgain() {
        String key = saved(Map.of("a", 1));
        cache.down();
        assertThat(engine.open(key).get("a")).isEqualTo(1);
        cache.up();
        waitForRetryWindow();
        engine.open(key).get("a");
        long before = db.calls();
        assertThat(engine.open(key).get("a")).isEqualTo(1);
        assertThat(db.calls() - before).isZero();
    }

    private static void waitForRetryWindow() {
        try {
            Thread.sleep(CachedDbStorage.RETRY_AFTER_NANOS / 1_000_000 + 50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
