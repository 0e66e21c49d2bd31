package io.sessions4j.engine.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.CreateException;
import io.sessions4j.spi.SessionStorage.Stored;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONFORMANCE E1–E3 at the storage: replace is a compare-and-set under the lock, delete is final. */
class CompareAndSetTest {
    @TempDir
    Path temp;
    Path dir;
    MutableClock clock = MutableClock.startingNow();
    StorageSessionEngine engine;
    FileSessionStorage storage;
    Instant expiry;

    @BeforeEach
    void start() throws IOException {
        dir = temp.toRealPath();
        engine = FileEngines.engine(dir, clock);
        storage = FileEngines.storage(engine);
        expiry = clock.instant().plusSeconds(3600);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private String encode(Object value) {
        return engine.context().codec().encode(Map.of("v", value), engine.clock().instant());
    }

    @Test
    @DisplayName("E3 replace writes only over the version the caller loaded")
    void e3_replaceComparesTheVersion() throws IOException {
        String key = "cas00000000000000000000000000001";
        Stored v1 = storage.create(key, encode(1), expiry);
        Stored v2 = storage.replace(key, v1, encode(2), expiry).orElseThrow();
        assertThat(storage.replace(key, v1, encode(3), expiry)).as("stale version").isEmpty();
        assertThat(Files.readString(dir.resolve("sessionid" + key))).isEqualTo(v2.data());
        assertThat(storage.replace(key, v2, encode(4), expiry)).isPresent();
        assertThat(storage.replace(key, null, encode(5), expiry)).as("no expectation: replaces what exists").isPresent();
        assertThat(storage.load(key, clock.instant()).orElseThrow().data()).isEqualTo(encode(5));
    }

    @Test
    @DisplayName("E1 replace after delete does not resurrect the session")
    void e1_replaceAfterDelete() {
        String key = "cas00000000000000000000000000002";
        Stored v1 = storage.create(key, encode(1), expiry);
        storage.delete(key);
        assertThat(storage.replace(key, v1, encode(2), expiry)).isEmpty();
        assertThat(storage.replace(key, null, encode(2), expiry)).isEmpty();
        assertThat(dir.resolve("sessionid" + key)).doesNotExist();
        storage.delete(key); // a missing session is not an error
    }

    @Test
    @DisplayName("E2 create of an existing key throws CreateException and leaves the file alone")
    void e2_createExisting() throws IOException {
        String key = "cas00000000000000000000000000003";
        Stored v1 = storage.create(key, encode(1), expiry);
        assertThatThrownBy(() -> storage.create(key, encode(2), expiry)).isInstanceOf(CreateException.class);
        assertThat(Files.readString(dir.resolve("sessionid" + key))).isEqualTo(v1.data());
    }

    @Test
    @DisplayName("E1 a delete racing with saves is final: no save that starts after it succeeds, the file stays gone")
    void e1_deleteRacingWithReplaces() throws Exception {
        for (int round = 0; round < 20; round++) {
            String key = String.format("race%028d", round);
            storage.create(key, encode(0), expiry);
            AtomicBoolean deleted = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(4);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                writers.add(pool.submit(() -> {
                    started.countDown();
                    for (int i = 0; i < 50; i++) {
                        boolean afterDelete = deleted.get();
                        Optional<Stored> result = storage.replace(key, null, encode(id * 1000 + i), expiry);
                        if (afterDelete) {
                            assertThat(result).as("a save after the delete").isEmpty();
                        }
                    }
                    return null;
                }));
            }
            started.await();
            storage.delete(key);
            deleted.set(true);
            for (Future<Void> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(dir.resolve("sessionid" + key)).as("round %d", round).doesNotExist();
        }
    }

    @Test
    @DisplayName("E3 two engines on one directory in one JVM share the lock: no lost update, no OverlappingFileLockException")
    void e3_twoEnginesOneDirectory() throws Exception {
        try (StorageSessionEngine other = FileEngines.engine(dir, clock)) {
            SessionStore first = engine.open(null);
            first.put("base", 0);
            first.save();
            String key = first.getSessionKey();
            int perThread = 40;
            List<Callable<Void>> requests = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                StorageSessionEngine target = t % 2 == 0 ? engine : other;
                int id = t;
                requests.add(() -> {
                    for (int i = 0; i < perThread; i++) {
                        SessionStore s = target.open(key);
                        s.put("t" + id + "-" + i, i);
                        s.save();
                    }
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(requests.size());
            try {
                for (Future<Void> f : pool.invokeAll(requests, 60, TimeUnit.SECONDS)) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            SessionStore after = engine.open(key);
            assertThat(after).hasSize(1 + 6 * perThread);
        }
        // closing one engine must not break the other (the lock file channel is shared and counted)
        SessionStore s = engine.open(null);
        s.put("still", "works");
        s.save();
        assertThat(engine.open(s.getSessionKey()).get("still")).isEqualTo("works");
    }

    @Test
    @DisplayName("E3 a thread with its interrupt flag set can still save, keeps its flag, and breaks nothing for others")
    void e3_interruptedThreadSaves() throws Exception {
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.save();
        String key = s.getSessionKey();
        Thread.currentThread().interrupt();
        try {
            SessionStore again = engine.open(key);
            again.put("b", 2);
            again.save();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> {
                SessionStore third = engine.open(key);
                third.put("c", 3);
                third.save();
            }).get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdown();
        }
        assertThat(engine.open(key)).containsEntry("a", 1).containsEntry("b", 2).containsEntry("c", 3);
    }
}
