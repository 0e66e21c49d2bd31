package io.sessions4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.cli.SessionsProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sessions stats}: live and expired counts where the engine can tell, run as a process. */
@DisplayName("sessions stats (packaged command)")
class StatsIT {
    @TempDir
    Path dir;

    private Path config(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("sessions.secret.key", StoredSessions.SECRET);
        return SessionsProcess.properties(dir.resolve("app.properties"), all);
    }

    @Test
    @DisplayName("db (H2 file): counts live and expired sessions; after clearsessions none are expired")
    void dbCounts() {
        Map<String, String> db = Map.of("sessions.db.url", "jdbc:h2:file:" + dir.resolve("db/sessions"));
        StoredSessions.saveExpired(db, 3);
        StoredSessions.saveLive(db, 2);
        String config = config(db).toString();

        Result before = SessionsProcess.in(dir).run("stats", "--config", config);
        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(before.stdout()).contains("Engine:           db").contains("Live sessions:    2")
                .contains("Expired sessions: 3 (run 'sessions clearsessions' to remove them)");
        // Two small live sessions: both in the first size bucket.
        assertThat(before.stdout()).contains("Stored sizes of live sessions").containsPattern("0-256 B +2 #{40}")
                .containsPattern("257-1024 B +0");

        SessionsProcess.in(dir).run("clearsessions", "--config", config);
        Result after = SessionsProcess.in(dir).run("stats", "--config", config);
        assertThat(after.stdout()).as(after.toString()).contains("Live sessions:    2")
                .contains("Expired sessions: 0" + System.lineSeparator());
    }

    @Test
    @DisplayName("file engine: counts live and expired session files of this cookie name")
    void fileCounts() throws IOException {
        Path sessions = Files.createDirectories(dir.resolve("files"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Map<String, String> files = Map.of("sessions.engine", "file", "sessions.file.path", sessions.toString());
        StoredSessions.saveExpired(files, 2);
        StoredSessions.saveLive(files, 3);
        Files.writeString(sessions.resolve("README"), "not a session");

        Result result = SessionsProcess.in(dir).run("stats", "--config", config(files).toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Engine:           file").contains("Live sessions:    3")
                .contains("Expired sessions: 2");
    }

    @Test
    @DisplayName("cache engine: says it cannot count, exit 0")
    void cacheCannotCount() {
        Result result = SessionsProcess.in(dir).run("stats", "--config",
                config(Map.of("sessions.engine", "cache")).toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("The cache engine cannot count its sessions");
    }
}
