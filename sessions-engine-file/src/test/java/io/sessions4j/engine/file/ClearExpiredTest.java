package io.sessions4j.engine.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.spi.SessionStorage.Stored;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONFORMANCE C8 and G6 for files: clearExpired streams the directory and removes only expired sessions of ours. */
class ClearExpiredTest {
    static final int COOKIE_AGE = 1000;

    @TempDir
    Path temp;
    Path dir;
    MutableClock clock = MutableClock.startingNow();
    StorageSessionEngine engine;
    FileSessionStorage storage;

    @BeforeEach
    void start() throws IOException {
        dir = temp.toRealPath();
        engine = FileEngines.engine(dir, clock, Map.of("sessions.cookie.age", Integer.toString(COOKIE_AGE)));
        storage = FileEngines.storage(engine);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    @DisplayName("G6 100,000 expired files are cleared, with progress; live and foreign files stay")
    void g6_clearsOneHundredThousandFiles() throws Exception {
        // The disk is not what is tested: on a RAM file system when there is one, to stay fast on a busy machine.
        Path shm = Path.of("/dev/shm");
        Path big = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "sessions4j-file-clear") : FileEngines.privateDirectory(dir.resolve("big"));
        try (StorageSessionEngine bigEngine = FileEngines.engine(big, clock,
                Map.of("sessions.cookie.age", Integer.toString(COOKIE_AGE)))) {
            FileSessionStorage bigStorage = FileEngines.storage(bigEngine);
            int expired = 100_000;
            byte[] data = bigEngine.context().codec().encode(Map.of("user", 1), bigEngine.clock().instant()).getBytes(StandardCharsets.US_ASCII);
            writeFiles(big, expired, data); // modified now, by the real clock
            clock.set(Instant.now().plusSeconds(COOKIE_AGE + 60)); // ... so expired by this one
            List<String> live = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                SessionStore s = bigEngine.open(null);
                s.put("live", i);
                s.save();
                live.add(s.getSessionKey());
            }
            List<Path> foreign = List.of(
                    Files.write(big.resolve("README"), data),
                    Files.write(big.resolve("othercookieabcdefgh12345678"), data),
                    Files.write(big.resolve("sessionidNOT-A-KEY"), data),
                    Files.write(big.resolve("sessionidshort"), data));
            for (Path file : foreign) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.EPOCH));
            }
            List<Long> progress = new CopyOnWriteArrayList<>();

            long removed = bigStorage.clearExpired(clock.instant(), progress::add);

            assertThat(removed).isEqualTo(expired);
            assertThat(progress).hasSize(expired / 1000).isSorted().last().isEqualTo((long) expired);
            for (int i = 0; i < live.size(); i++) {
                assertThat(bigEngine.open(live.get(i)).get("live")).isEqualTo(i);
            }
            assertThat(foreign).allMatch(Files::exists);
            try (var files = Files.list(big)) {
                assertThat(files.count()).isEqualTo(live.size() + foreign.size() + 1 /* lock file */);
            }
            assertThat(bigStorage.clearExpired(clock.instant(), n -> { })).isZero();
        } finally {
            try (var files = Files.list(big)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
            Files.delete(big);
        }
    }

    /** Writes {@code count} session files with two threads (the machine has two cores). */
    private static void writeFiles(Path directory, int count, byte[] data) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> parts = new ArrayList<>();
            for (int part = 0; part < 2; part++) {
                int first = part;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < count; i += 2) {
                        Files.write(directory.resolve(String.format("sessionidexp%029d", i)), data);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : parts) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("C8/G6 each file's own expiry decides: seconds after its save, a date, or the cookie age")
    void c8_eachFileByItsOwnExpiry() {
        String seconds = saved(Map.of(), s -> s.setExpiry(10));
        String date = saved(Map.of(), s -> s.setExpiry(clock.instant().plusSeconds(20)));
        String cookieAge = saved(Map.of(), s -> { });
        clock.advance(Duration.ofSeconds(10));
        assertThat(engine.clearExpired()).isEqualTo(1);
        assertThat(storage.exists(seconds, clock.instant())).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(engine.clearExpired()).isEqualTo(1);
        assertThat(storage.exists(date, clock.instant())).isFalse();
        assertThat(storage.exists(cookieAge, clock.instant())).isTrue();
        clock.advance(Duration.ofSeconds(COOKIE_AGE - 20));
        assertThat(engine.clearExpired()).isEqualTo(1);
        assertThat(dir.resolve("sessionid" + cookieAge)).doesNotExist();
    }

    @Test
    @DisplayName("C8/G6 a session saved while clearExpired runs survives it (re-checked under the lock)")
    void c8_saveDuringClearExpiredSurvives() throws Exception {
        int count = 1500;
        String stale = engine.context().codec().encode(Map.of("v", "old"), engine.clock().instant());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = String.format("race%028d", i);
            keys.add(key);
            Files.writeString(dir.resolve("sessionid" + key), stale); // modified now, by the real clock
        }
        clock.set(Instant.now().plusSeconds(COOKIE_AGE + 60)); // ... so expired by this one
        String fresh = engine.context().codec().encode(Map.of("v", "new"), engine.clock().instant());
        Instant expiry = clock.instant().plusSeconds(COOKIE_AGE);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // Saves walk the keys in reverse while clearExpired walks the directory: they meet somewhere.
            Future<boolean[]> saver = pool.submit(() -> {
                boolean[] saved = new boolean[count];
                for (int i = count - 1; i >= 0; i--) {
                    Optional<Stored> result = storage.replace(keys.get(i), null, fresh, expiry);
                    saved[i] = result.isPresent();
                }
                return saved;
            });
            long removed = storage.clearExpired(clock.instant(), n -> { });
            boolean[] saved = saver.get(60, TimeUnit.SECONDS);
            long survivors = 0;
            for (int i = 0; i < count; i++) {
                Path file = dir.resolve("sessionid" + keys.get(i));
                if (saved[i]) {
                    assertThat(file).as("saved session %d", i).exists();
                    assertThat(Files.readString(file)).isEqualTo(fresh);
                    survivors++;
                } else {
                    assertThat(file).as("session %d was removed before its save", i).doesNotExist();
                }
            }
            assertThat(removed + survivors).isEqualTo(count);
        } finally {
            pool.shutdownNow();
        }
    }

    private String saved(Map<String, Object> data, java.util.function.Consumer<SessionStore> setup) {
        SessionStore s = engine.open(null);
        s.putAll(data);
        setup.accept(s);
        s.save();
        return s.getSessionKey();
    }
}
