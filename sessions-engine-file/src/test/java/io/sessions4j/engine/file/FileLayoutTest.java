package io.sessions4j.engine.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sessions4j.api.SessionContext;
import io.sessions4j.spi.SessionStorage.Stored;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.signing.SignedPayload;
import io.sessions4j.testkit.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONFORMANCE G6: names, content, permissions, atomic writes, leftovers of interrupted writes. */
class FileLayoutTest {
    @TempDir
    Path temp;
    Path dir;
    MutableClock clock = MutableClock.startingNow();
    StorageSessionEngine engine;
    FileSessionStorage storage;

    @BeforeEach
    void start() throws IOException {
        dir = temp.toRealPath();
        engine = FileEngines.engine(dir, clock);
        storage = FileEngines.storage(engine);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private String saved(Map<String, Object> data) {
        SessionStore s = engine.open(null);
        s.putAll(data);
        s.save();
        return s.getSessionKey();
    }

    /** The directory's entries, without the permanent lock file. */
    private List<String> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(DirectoryLock.FILE_NAME)).sorted().toList();
        }
    }

    @Test
    @DisplayName("G6 a session is the file <cookie name><key> holding Django's signed session_data")
    void g6_fileNameAndContent() throws IOException {
        String key = saved(Map.of("user_id", 42));
        Path file = dir.resolve("sessionid" + key);
        assertThat(entries()).containsExactly("sessionid" + key);

        String content = Files.readString(file, StandardCharsets.US_ASCII);
        // Django's signing.dumps: [.]base64url:base62 timestamp:base64url HMAC-SHA256 (43 chars)
        assertThat(content).matches("\\.?[A-Za-z0-9_-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]{43}");
        SignedPayload django = SessionContext.signedPayload(engine.settings(), SignedPayload.SESSION_STORE_SALT);
        assertThat(new String(django.loads(content, null, clock.instant()).json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"user_id\":42}");
    }

    @Test
    @DisplayName("G6 the file prefix is the configured cookie name")
    void g6_prefixIsCookieName() throws IOException {
        try (StorageSessionEngine custom = FileEngines.engine(dir, clock, Map.of("sessions.cookie.name", "myapp_sid"))) {
            SessionStore s = custom.open(null);
            s.put("a", 1);
            s.save();
            assertThat(entries()).containsExactly("myapp_sid" + s.getSessionKey());
            assertThat(engine.open(s.getSessionKey()).get("a")).as("another cookie name, another file").isNull();
        }
    }

    @Test
    @DisplayName("G6 files are owner-only (0600) when created and after every save")
    void g6_ownerOnlyPermissions() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        String key = saved(Map.of("a", 1));
        Path file = dir.resolve("sessionid" + key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        SessionStore s = engine.open(key);
        s.put("b", 2);
        s.save();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DirectoryLock.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    @DisplayName("G6 the modification time is the clock's time of the last save")
    void g6_modificationTimeIsLastSave() throws IOException {
        String key = saved(Map.of("a", 1));
        Path file = dir.resolve("sessionid" + key);
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(clock.instant());
        clock.advance(Duration.ofMinutes(5));
        SessionStore s = engine.open(key);
        s.put("b", 2);
        s.save();
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(clock.instant());
    }

    @Test
    @DisplayName("G6 a reader never sees a partly written file while saves replace it")
    void g6_readersNeverSeePartialWrites() throws Exception {
        String key = saved(Map.of("a", 1));
        Random random = new Random(42);
        String a = engine.context().codec().encode(Map.of("blob", randomText(random, 100_000)), engine.clock().instant());
        String b = engine.context().codec().encode(Map.of("blob", randomText(random, 60_000)), engine.clock().instant());
        Instant expiry = clock.instant().plusSeconds(3600);
        storage.replace(key, null, a, expiry);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> writer = pool.submit(() -> {
                int writes = 0;
                for (; writes < 300; writes++) {
                    assertThat(storage.replace(key, null, writes % 2 == 0 ? a : b, expiry)).isPresent();
                }
                writing.set(false);
                return writes;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (writing.get() || reads == 0) {
                        Stored stored = storage.load(key, clock.instant()).orElseThrow();
                        assertThat(stored.data()).isIn(a, b);
                        reads++;
                    }
                    return reads;
                }));
            }
            assertThat(writer.get(60, TimeUnit.SECONDS)).isEqualTo(300);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(entries()).as("no temporary file is left behind").containsExactly("sessionid" + key);
    }

    @Test
    @DisplayName("G6 the temporary file of an interrupted write is ignored by load")
    void g6_leftoverTempIgnoredByLoad() throws IOException {
        String key = saved(Map.of("a", 1));
        String orphanKey = "orphan0123456789abcdefghijklmnop";
        Files.writeString(dir.resolve("sessionid" + key + "_out_dead1"), "half-writ");
        Files.writeString(dir.resolve("sessionid" + orphanKey + "_out_dead2"),
                engine.context().codec().encode(Map.of("a", 2), engine.clock().instant()));

        assertThat(engine.open(key).get("a")).isEqualTo(1);
        SessionStore orphan = engine.open(orphanKey);
        assertThat(orphan.get("a")).isNull();
        assertThat(orphan.getSessionKey()).isNull();
    }

    @Test
    @DisplayName("G6 an empty file (a create cut short) is no session")
    void g6_emptyFileIsNoSession() throws IOException {
        String key = "empty0123456789abcdefghijklmnopq";
        Files.createFile(dir.resolve("sessionid" + key));
        assertThat(storage.load(key, clock.instant())).isEmpty();
        assertThat(storage.exists(key, clock.instant())).isFalse();
        SessionStore store = engine.open(key);
        assertThat(store.keySet()).isEmpty();
        assertThat(store.getSessionKey()).isNull();
    }

    @Test
    @DisplayName("G6 clearExpired removes leftovers older than the grace period (ours and Django's), keeps recent ones")
    void g6_leftoversRemovedByClearExpired() throws IOException {
        String live = saved(Map.of("a", 1));
        Instant old = clock.instant().minus(FileSessionStorage.LEFTOVER_AGE).minusSeconds(1);
        Path oldTemp = plant("sessionid" + live + "_out_3kx9z1", "partial", old);
        Path oldDjangoTemp = plant("sessionidabcdefgh12345678_out_k3j_x9z1", "partial", old);
        Path oldEmpty = plant("sessionidemptyabcdefgh12345678", "", old);
        Path freshTemp = plant("sessionid" + live + "_out_writing", "partial", clock.instant().minusSeconds(5));
        Path freshEmpty = plant("sessionidcreating12345678", "", clock.instant().minusSeconds(5));

        long removed = engine.clearExpired();

        assertThat(removed).as("the old empty session file counts; temporary files do not").isEqualTo(1);
        assertThat(oldTemp).doesNotExist();
        assertThat(oldDjangoTemp).doesNotExist();
        assertThat(oldEmpty).doesNotExist();
        assertThat(freshTemp).exists();
        assertThat(freshEmpty).exists();
        assertThat(engine.open(live).get("a")).isEqualTo(1);
    }

    @Test
    @DisplayName("G6 a symbolic link planted in the directory is never followed")
    void g6_symlinkNotFollowed() throws IOException {
        Path outside = Files.writeString(temp.resolve("outside-target"), engine.context().codec().encode(Map.of("stolen", true), engine.clock().instant()));
        String key = "link0123456789abcdefghijklmnopqr";
        Files.createSymbolicLink(dir.resolve("sessionid" + key), outside);
        assertThatThrownBy(() -> storage.load(key, clock.instant()))
                .isInstanceOf(SessionStorageException.class)
                .hasMessageContaining("file engine")
                .hasMessageNotContaining(key);
        assertThat(Files.readString(outside)).contains(":");
    }

    private Path plant(String name, String content, Instant modified) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('!' + random.nextInt(90)));
        }
        return out.toString();
    }
}
