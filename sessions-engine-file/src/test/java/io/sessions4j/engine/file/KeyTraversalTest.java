package io.sessions4j.engine.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionKeys;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CONFORMANCE B2 and G6 for files: a hostile key is "no key" in the storage itself, before any
 * path is built (Tomcat's CVE-2020-9484), and never touches the disk.
 */
class KeyTraversalTest {
    @TempDir
    Path root;
    Path dir;
    MutableClock clock = MutableClock.startingNow();
    StorageSessionEngine engine;
    FileSessionStorage storage;
    String planted;

    @BeforeEach
    void start() throws IOException {
        dir = FileEngines.privateDirectory(root.toRealPath().resolve("sessions"));
        engine = FileEngines.engine(dir, clock);
        storage = FileEngines.storage(engine);
        planted = engine.context().codec().encode(Map.of("stolen", true), engine.clock().instant());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    static Stream<String> hostileKeys() {
        return Stream.of(
                "../../etc/passwd", "../../../../../../etc/passwd", "..", "../outside1", "abcdefgh/../../victim",
                "a/b", "abcdefgh/ijklmnop", "/etc/passwd", "a\\b", "abcd\\..\\..\\efgh", "..\\..\\windows\\win.ini",
                "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%c0%af..%c0%afetc", "abc\u0000defgh", "abcdefgh\u0000.txt",
                "ABCDEFGHIJ", "abcdefg", "", " abcdefgh", "abcdefgh ", "abcdefgh.", "abcdéfgh", "abcdefgh\n",
                "x".repeat(41), "a".repeat(100_000));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostileKeys")
    @DisplayName("B2/G6 a hostile key is no key for the storage and touches nothing on disk")
    void g6_hostileKeyNeverTouchesTheDisk(String key) throws IOException {
        assertThat(SessionKeys.isValid(key)).isFalse();
        plantWhereANaivePathWouldPoint(key);
        Map<String, String> before = tree();
        Instant now = clock.instant();
        String data = engine.context().codec().encode(Map.of("written", true), engine.clock().instant());

        assertThat(storage.load(key, now)).isEmpty();
        assertThat(storage.exists(key, now)).isFalse();
        assertThat(storage.replace(key, null, data, now.plusSeconds(60))).isEmpty();
        storage.delete(key);
        assertThatThrownBy(() -> storage.create(key, data, now.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(tree()).as("nothing written, moved or deleted").isEqualTo(before);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostileKeys")
    @DisplayName("B2/B3 a store opened with a hostile key starts a fresh session under a new key")
    void b3_hostileKeyIsNeverAdopted(String key) throws IOException {
        plantWhereANaivePathWouldPoint(key);
        SessionStore s = engine.open(key);
        assertThat(s.get("stolen")).isNull();
        s.put("a", 1);
        s.save();
        assertThat(s.getSessionKey()).isNotEqualTo(key).matches("[a-z0-9]{32}");
    }

    @Test
    @DisplayName("B2 the key is checked before the file system: an existing file with a bad key is not read")
    void b2_existingFileWithBadKeyIsNotRead() throws IOException {
        Files.writeString(dir.resolve("sessionidABCDEFGHIJ"), planted);
        Files.writeString(dir.resolve("sessionidabc"), planted);
        assertThat(storage.load("ABCDEFGHIJ", clock.instant())).isEmpty();
        assertThat(storage.load("abc", clock.instant())).isEmpty();
        storage.delete("ABCDEFGHIJ");
        assertThat(dir.resolve("sessionidABCDEFGHIJ")).exists();
    }

    /**
     * Writes a readable session where a storage that joined the directory and the key without
     * checks would look, as long as that place is inside this test's own directory.
     */
    private void plantWhereANaivePathWouldPoint(String key) throws IOException {
        Path naive;
        try {
            naive = dir.resolve("sessionid" + key).normalize();
        } catch (InvalidPathException e) {
            return; // NUL and friends: no such path at all
        }
        if (!naive.startsWith(root) || naive.equals(dir) || naive.equals(root) || Files.isDirectory(naive)) {
            return;
        }
        try {
            Files.createDirectories(naive.getParent());
            Files.writeString(naive, planted);
        } catch (IOException e) {
            // a name this file system refuses (too long): nothing to plant
        }
    }

    /** Every regular file under the test root with its content and modification time. */
    private Map<String, String> tree() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                try {
                    files.put(root.relativize(p).toString(), Files.readString(p) + "@" + Files.getLastModifiedTime(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return files;
    }
}
