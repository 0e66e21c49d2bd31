package io.sessions4j.engine.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONFORMANCE E5 for files: a read-only or full disk is a {@link SessionStorageException} naming the
 * engine and the directory; stored sessions stay intact and the engine works again afterwards.
 */
class DiskFaultTest {
    @TempDir
    Path root;
    MutableClock clock = MutableClock.startingNow();

    @Test
    @DisplayName("E5 read-only directory: saves, creates and deletes fail loudly, reads work, files stay intact")
    void e5_readOnlyDirectory() throws IOException {
        FaultyDirectory faulty = FaultyDirectory.switchable(root);
        assumeTrue(faulty != null, FaultyDirectory.unavailable("a read-only directory"));
        try (faulty; StorageSessionEngine engine = FileEngines.engine(faulty.path(), clock)) {
            Path dir = faulty.path().toRealPath();
            SessionStore s = engine.open(null);
            s.put("a", 1);
            s.save();
            String key = s.getSessionKey();
            Path file = dir.resolve("sessionid" + key);
            String before = Files.readString(file);

            faulty.readOnly();
            assertThat(engine.open(key).get("a")).as("reads still work").isEqualTo(1);

            SessionStore change = engine.open(key);
            change.put("b", 2);
            assertStorageFailure(() -> change.save(), dir, key);
            SessionStore fresh = engine.open(null);
            fresh.put("c", 3);
            assertStorageFailure(() -> fresh.save(), dir, null);
            assertStorageFailure(() -> engine.open(key).delete(), dir, key);
            assertThat(Files.readString(file)).as("the session file is intact").isEqualTo(before);

            faulty.writable();
            change.save();
            assertThat(engine.open(key)).containsEntry("a", 1).containsEntry("b", 2);
            assertThat(listing(dir)).containsExactlyInAnyOrder(DirectoryLock.FILE_NAME, "sessionid" + key);
        }
    }

    @Test
    @DisplayName("E5 full disk: the save fails loudly, the old file is intact, no temporary file is left, later saves work")
    void e5_fullDisk() throws IOException {
        FaultyDirectory faulty = FaultyDirectory.small(root, 64 * 1024);
        assumeTrue(faulty != null, FaultyDirectory.unavailable("a full disk"));
        try (faulty; StorageSessionEngine engine = FileEngines.engine(faulty.path(), clock)) {
            Path dir = faulty.path().toRealPath();
            SessionStore s = engine.open(null);
            s.put("a", 1);
            s.save();
            String key = s.getSessionKey();
            Path file = dir.resolve("sessionid" + key);
            String before = Files.readString(file);

            SessionStore big = engine.open(key);
            big.put("blob", incompressible(200_000));
            assertStorageFailure(big::save, dir, key);
            assertThat(Files.readString(file)).isEqualTo(before);
            assertThat(listing(dir)).containsExactlyInAnyOrder(DirectoryLock.FILE_NAME, "sessionid" + key);

            SessionStore small = engine.open(key);
            small.put("b", 2);
            small.save();
            assertThat(engine.open(key)).containsEntry("a", 1).containsEntry("b", 2).doesNotContainKey("blob");
        }
    }

    private static void assertStorageFailure(Runnable action, Path dir, String key) {
        assertThatThrownBy(action::run)
                .isInstanceOf(SessionStorageException.class)
                .hasMessageStartingWith("file engine")
                .hasMessageContaining(dir.toString())
                .satisfies(e -> {
                    if (key != null) {
                        assertThat(e.getMessage()).as("the key is a credential: never in full in a message")
                                .doesNotContain(key);
                        assertThat(e.getCause().getMessage()).doesNotContain(key);
                    }
                });
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String incompressible(int length) {
        Random random = new Random(7);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('!' + random.nextInt(90)));
        }
        return out.toString();
    }
}
