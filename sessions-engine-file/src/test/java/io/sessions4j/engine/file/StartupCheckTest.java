package io.sessions4j.engine.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONFORMANCE G6 (start-up checks) and H1/H2 for the file engine's setting and name. */
class StartupCheckTest {
    @TempDir
    Path root;
    MutableClock clock = MutableClock.startingNow();

    @Test
    @DisplayName("G6 a missing directory fails at start, naming the path and sessions.file.path; nothing is created")
    void g6_missingDirectoryFailsAtStart() {
        Path missing = root.resolve("no-such-dir");
        assertThatThrownBy(() -> FileEngines.engine(missing, clock))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("sessions.file.path")
                .hasMessageContaining("does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    @DisplayName("G6 a path that is a file fails at start")
    void g6_fileInsteadOfDirectoryFailsAtStart() throws IOException {
        Path file = Files.writeString(root.resolve("a-file"), "x");
        assertThatThrownBy(() -> FileEngines.engine(file, clock))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("sessions.file.path")
                .hasMessageContaining("not a directory");
    }

    @Test
    @DisplayName("G6 an unwritable directory fails at start, naming the path and sessions.file.path")
    void g6_unwritableDirectoryFailsAtStart() throws IOException {
        FaultyDirectory faulty = FaultyDirectory.switchable(root);
        assumeTrue(faulty != null, FaultyDirectory.unavailable("a read-only directory"));
        try (faulty) {
            faulty.readOnly();
            assertThatThrownBy(() -> FileEngines.engine(faulty.path(), clock))
                    .isInstanceOf(SessionConfigurationException.class)
                    .hasMessageContaining(faulty.path().toRealPath().toString())
                    .hasMessageContaining("sessions.file.path")
                    .hasMessageContaining("not writable");
            try (Stream<Path> files = Files.list(faulty.path())) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("G6 the start-up probe leaves only the lock file behind")
    void g6_probeLeavesOnlyTheLockFile() throws IOException {
        try (SessionEngine engine = FileEngines.engine(root, clock);
             Stream<Path> files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(DirectoryLock.FILE_NAME);
            assertThat(engine.name()).isEqualTo("file");
        }
    }

    @Test
    @DisplayName("H2 sessions.engine=file finds this engine through ServiceLoader; H1 it declares its sessions.file.* keys")
    void h2_engineByName() {
        assertThat(new FileEngineProvider().settings()).containsExactly(FileEngineProvider.PATH,
                FileEngineProvider.MAX_BYTES, FileEngineProvider.LOCK_TIMEOUT);
        assertThat(FileEngineProvider.PATH.defaultValue()).isNull();
        Map<String, String> props = new HashMap<>();
        props.put("sessions.secret.key", FileEngines.SECRET);
        props.put("sessions.engine", "file");
        props.put("sessions.file.path", root.toString());
        try (SessionEngine engine = SessionEngines.load(SessionSettings.of(props), clock)) {
            assertThat(engine.name()).isEqualTo("file");
            assertThat(SessionSettings.of(props).known()).contains(FileEngineProvider.PATH);
            SessionStore s = engine.open(null);
            s.put("list", List.of(1, 2));
            s.save();
            assertThat(engine.open(s.getSessionKey()).get("list")).isEqualTo(List.of(1, 2));
        }
    }
}
