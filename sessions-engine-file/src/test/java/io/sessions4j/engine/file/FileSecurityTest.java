package io.sessions4j.engine.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.SessionTooLargeException;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #21 items 2, 3 and 5 (CONFORMANCE S3): the directory is private, planted files neither hang
 * nor exhaust the engine, and the lock file cannot be taken over. A bound on a test's duration here
 * only keeps a regression (a hang) from stalling the build; nothing is timed.
 */
class FileSecurityTest {
    /** Far above anything the engine should need: a guard against a hang, not a measurement. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path temp;
    MutableClock clock = MutableClock.startingNow();

    private Path directory(String name, String mode) throws IOException {
        Path dir = Files.createDirectory(temp.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        return dir;
    }

    @Test
    @DisplayName("S3 sessions.file.path unset: a private <java.io.tmpdir>/sessions4j-<user>, created 0700, files 0600")
    void defaultDirectoryIsPrivate() throws IOException {
        Path sharedTmp = directory("tmp", "rwxrwxrwx");
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", sharedTmp.toString());
        try (SessionEngine engine = new FileEngineProvider().create(
                SessionSettings.of(Map.of("sessions.secret.key", FileEngines.SECRET)), clock)) {
            Path expected = sharedTmp.resolve("sessions4j-" + System.getProperty("user.name")).toRealPath();
            assertThat(FileEngines.storage(engine).directory()).isEqualTo(expected);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(expected))).isEqualTo("rwx------");
            SessionStore s = engine.open(null);
            s.put("a", 1);
            s.save();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    expected.resolve("sessionid" + s.getSessionKey())))).isEqualTo("rw-------");
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwxrwxrwx", "rwxr-xr-x", "rwxr-x---", "rwx---rwx", "rwx-w----", "rwx------"})
    @DisplayName("S3 a directory that group or others can list or write is refused, naming path and mode; 0700 is fine")
    void openDirectoryRefused(String mode) throws IOException {
        Path dir = directory("sessions", mode);
        if (mode.equals("rwx------")) {
            assertThatCode(() -> FileEngines.engine(dir, clock).close()).doesNotThrowAnyException();
            return;
        }
        assertThatThrownBy(() -> FileEngines.engine(dir, clock))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining(dir.toRealPath().toString())
                .hasMessageContaining("sessions.file.path")
                .hasMessageContaining(mode);
        assertThat(dir.resolve(DirectoryLock.FILE_NAME)).doesNotExist();
    }

    @Test
    @DisplayName("S3 search permission alone (0711) lists nothing and is accepted")
    void searchOnlyAccepted() throws IOException {
        Path dir = directory("sessions", "rwx--x--x");
        assertThatCode(() -> FileEngines.engine(dir, clock).close()).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("S3 the private default directory, pre-created open by someone, is refused rather than used")
    void plantedDefaultDirectoryRefused() throws IOException {
        Path sharedTmp = directory("tmp", "rwxrwxrwx");
        Path planted = directory("tmp/sessions4j-" + System.getProperty("user.name"), "rwxrwxrwx");
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", sharedTmp.toString());
        try {
            assertThatThrownBy(() -> new FileEngineProvider().create(
                    SessionSettings.of(Map.of("sessions.secret.key", FileEngines.SECRET)), clock))
                    .isInstanceOf(SessionConfigurationException.class)
                    .hasMessageContaining(planted.toString())
                    .hasMessageContaining("rwxrwxrwx (777)");
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
    }

    @Test
    @DisplayName("S3 a private directory that belongs to another user is refused")
    void foreignOwnerRefused() throws IOException {
        Path dir = directory("sessions", "rwx------");
        UserPrincipal nobody = otherUser(dir);
        Files.setOwner(dir, nobody);
        assertThatThrownBy(() -> FileEngines.engine(dir, clock))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining(dir.toRealPath().toString())
                .hasMessageContaining("belongs to " + nobody.getName());
    }

    @Test
    @DisplayName("S3 a FIFO named like a session file hangs neither a read nor clearExpired nor count")
    void fifoDoesNotHang() throws Exception {
        Path dir = directory("sessions", "rwx------");
        try (StorageSessionEngine engine = FileEngines.engine(dir, clock)) {
            SessionStore expired = engine.open(null);
            expired.put("a", 1);
            expired.setExpiry(60);
            expired.save();
            String key = "fifo0123456789abcdefghijklmnopqr";
            Path fifo = dir.resolve("sessionid" + key);
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
            clock.advance(Duration.ofSeconds(120));

            assertTimeoutPreemptively(HANG_GUARD, () -> {
                assertThatThrownBy(() -> engine.storage().load(key, clock.instant()))
                        .isInstanceOf(SessionStorageException.class)
                        .hasMessageContaining("not a regular file")
                        .hasMessageNotContaining(key);
                assertThatThrownBy(() -> engine.open(key).get("a")).isInstanceOf(SessionStorageException.class);
                assertThat(engine.clearExpired()).isEqualTo(1); // the expired session; the FIFO is skipped
                assertThat(engine.storage().count(clock.instant()).orElseThrow().live()).isZero();
            });
            assertThat(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)).isTrue();
        }
    }

    @Test
    @DisplayName("S3 a huge (sparse) file named like a session is refused unread: no OutOfMemoryError")
    void hugeFileRefused() throws IOException {
        Path dir = directory("sessions", "rwx------");
        try (StorageSessionEngine engine = FileEngines.engine(dir, clock)) {
            String key = "huge0123456789abcdefghijklmnopqr";
            Path huge = dir.resolve("sessionid" + key);
            try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
                file.setLength(8L << 30); // 8 GiB, sparse: no disk used
            }
            Files.setLastModifiedTime(huge, FileTime.from(clock.instant().minus(Duration.ofDays(30))));
            assertThatThrownBy(() -> engine.storage().load(key, clock.instant()))
                    .isInstanceOf(SessionStorageException.class)
                    .hasMessageContaining("sessions.file.max_bytes");
            assertThat(engine.clearExpired()).isZero();
            assertThat(huge).exists();
        }
    }

    @Test
    @DisplayName("S3 sessions.file.max_bytes bounds saves too: a larger session fails loudly, never half-written")
    void maxBytesOnSave() throws IOException {
        Path dir = directory("sessions", "rwx------");
        try (StorageSessionEngine engine = FileEngines.engine(dir, clock, Map.of("sessions.file.max_bytes", "2048"))) {
            SessionStore big = engine.open(null);
            big.put("blob", new java.math.BigInteger(16_000, new java.util.Random(1)).toString(36)); // incompressible
            assertThatThrownBy(big::save).isInstanceOf(SessionTooLargeException.class)
                    .hasMessageContaining("sessions.file.max_bytes=2048");
            SessionStore small = engine.open(null);
            small.put("a", 1);
            small.save();
            assertThat(engine.open(small.getSessionKey()).get("a")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("S3 a symbolic link planted as the lock file is refused at start-up and not followed")
    void lockFileSymlinkRefused() throws IOException {
        Path dir = directory("sessions", "rwx------");
        Path target = temp.resolve("elsewhere");
        Files.createSymbolicLink(dir.resolve(DirectoryLock.FILE_NAME), target);
        assertThatThrownBy(() -> FileEngines.engine(dir, clock))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining(DirectoryLock.FILE_NAME)
                .hasMessageContaining("symbolic link");
        assertThat(target).doesNotExist();
    }

    @Test
    @DisplayName("S3 a lock file others may write (0666) is refused at start-up, naming its mode")
    void lockFileWritableByOthersRefused() throws IOException {
        Path dir = directory("sessions", "rwx------");
        Path lock = Files.createFile(dir.resolve(DirectoryLock.FILE_NAME));
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> FileEngines.engine(dir, clock))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining(lock.toRealPath().toString())
                .hasMessageContaining("rw-rw-rw- (666)");
    }

    @Test
    @DisplayName("S3 a lock file of another user is refused at start-up")
    void lockFileOfAnotherUserRefused() throws IOException {
        Path dir = directory("sessions", "rwx------");
        Path lock = Files.createFile(dir.resolve(DirectoryLock.FILE_NAME));
        UserPrincipal nobody = otherUser(dir);
        Files.setOwner(lock, nobody);
        assertThatThrownBy(() -> FileEngines.engine(dir, clock))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("belongs to " + nobody.getName());
    }

    @Test
    @DisplayName("S3 a session lock held elsewhere fails the save after sessions.file.lock_timeout, then recovers")
    void lockWaitIsBounded() throws IOException {
        Path dir = directory("sessions", "rwx------");
        try (StorageSessionEngine engine = FileEngines.engine(dir, clock, Map.of("sessions.file.lock_timeout", "200"))) {
            SessionStore s = engine.open(null);
            s.put("a", 1);
            s.save();
            // Another holder of every stripe (in this JVM, through a second channel, as another class
            // loader's copy of the engine would be): the engine can only wait.
            try (FileChannel other = FileChannel.open(dir.resolve(DirectoryLock.FILE_NAME), StandardOpenOption.WRITE);
                 FileLock all = other.lock(0, DirectoryLock.STRIPES, false)) {
                s.put("a", 2);
                assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(s::save)
                        .isInstanceOf(SessionStorageException.class)
                        .hasMessageContaining("sessions.file.lock_timeout")
                        .hasMessageNotContaining(s.getSessionKey()));
                assertThat(all.isValid()).isTrue();
            }
            SessionStore again = engine.open(s.getSessionKey());
            again.put("a", 3);
            again.save();
            assertThat(engine.open(s.getSessionKey()).get("a")).isEqualTo(3);
        }
    }

    /** A user other than the one running the tests; the test is skipped unless this user may give files away (root). */
    private static UserPrincipal otherUser(Path somewhere) throws IOException {
        UserPrincipal nobody = somewhere.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Path probe = Files.createTempFile(somewhere, "owner", ".probe");
        try {
            Files.setOwner(probe, nobody);
        } catch (IOException e) {
            assumeTrue(false, "this user cannot give files to another user: " + e);
        } finally {
            Files.delete(probe);
        }
        return nobody;
    }
}
