package io.sessions4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.cli.SessionsProcess.Result;
import io.sessions4j.testkit.TestServices;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONFORMANCE H3: {@code sessions clearsessions}, run as a process from the packaged jar. */
@DisplayName("sessions clearsessions (packaged command)")
class ClearSessionsIT {
    @TempDir
    Path dir;

    private Map<String, String> db() {
        return Map.of("sessions.engine", "db", "sessions.db.url", "jdbc:h2:file:" + dir.resolve("db/sessions"));
    }

    private Map<String, String> files() throws IOException {
        Path sessions = Files.createDirectories(dir.resolve("files"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return Map.of("sessions.engine", "file", "sessions.file.path", sessions.toString());
    }

    private Path config(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.putIfAbsent("sessions.secret.key", StoredSessions.SECRET);
        return SessionsProcess.properties(dir.resolve("app.properties"), all);
    }

    @Test
    @DisplayName("H3 db (H2 file): removes the expired sessions, keeps the live ones, prints how many, exit 0")
    void h3_dbRemovesExpiredKeepsLive() {
        List<String> expired = StoredSessions.saveExpired(db(), 3);
        List<String> live = StoredSessions.saveLive(db(), 2);

        Result result = SessionsProcess.in(dir).run("clearsessions", "--config", config(db()).toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("Removed 3 expired sessions (db engine)." + System.lineSeparator());
        assertThat(result.stderr()).as("no progress on a short run, no log noise").isEmpty();
        assertThat(StoredSessions.loadable(db(), live)).containsExactlyElementsOf(live);
        assertThat(StoredSessions.loadable(db(), expired)).isEmpty();

        Result again = SessionsProcess.in(dir).run("clearsessions", "--config", config(db()).toString());
        assertThat(again.stdout()).as(again.toString()).contains("Removed 0 expired sessions");
    }

    @Test
    @DisplayName("H3 db (PostgreSQL): removes the expired sessions, keeps the live ones, exit 0")
    void h3_postgresRemovesExpiredKeepsLive() throws SQLException {
        TestServices.assumePostgres();
        String table = "cli_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Map<String, String> pg = Map.of("sessions.engine", "db", "sessions.db.url", TestServices.postgresUrl(),
                "sessions.db.table", table);
        try {
            List<String> expired = StoredSessions.saveExpired(pg, 2);
            List<String> live = StoredSessions.saveLive(pg, 2);

            Result result = SessionsProcess.in(dir).run("clearsessions", "--config", config(pg).toString());

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).contains("Removed 2 expired sessions (db engine).");
            assertThat(StoredSessions.loadable(pg, live)).containsExactlyElementsOf(live);
            assertThat(StoredSessions.loadable(pg, expired)).isEmpty();
        } finally {
            try (Connection c = DriverManager.getConnection(TestServices.postgresUrl());
                 Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS \"" + table + "\"");
                st.execute("DROP TABLE IF EXISTS \"" + table + "_s4j_history\"");
                st.execute("DROP TABLE IF EXISTS \"" + table + "_principal\""); // sessions by user (migration V2)
            }
        }
    }

    @Test
    @DisplayName("H3 file engine: removes the expired session files, keeps the live ones, exit 0")
    void h3_fileRemovesExpiredKeepsLive() throws IOException {
        Map<String, String> files = files();
        List<String> expired = StoredSessions.saveExpired(files, 4);
        List<String> live = StoredSessions.saveLive(files, 1);

        Result result = SessionsProcess.in(dir).run("clearsessions", "--config", config(files).toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Removed 4 expired sessions (file engine).");
        assertThat(StoredSessions.loadable(files, live)).containsExactlyElementsOf(live);
        for (String key : expired) {
            assertThat(dir.resolve("files/sessionid" + key)).doesNotExist();
        }
        assertThat(dir.resolve("files/sessionid" + live.get(0))).exists();
    }

    @Test
    @DisplayName("H3 without --config, ./sessions.properties in the working directory is used")
    void h3_defaultSettingsFileInWorkingDirectory() throws IOException {
        Map<String, String> files = files();
        StoredSessions.saveExpired(files, 2);
        Map<String, String> all = new java.util.HashMap<>(files);
        all.put("sessions.secret.key", StoredSessions.SECRET);
        SessionsProcess.properties(dir.resolve("sessions.properties"), all);

        Result result = SessionsProcess.in(dir).run("clearsessions");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Removed 2 expired sessions (file engine).");
    }

    @Test
    @DisplayName("H3 without any settings file, the environment alone configures the engine")
    void h3_environmentOnly() throws IOException {
        Map<String, String> files = files();
        StoredSessions.saveExpired(files, 1);

        Result result = SessionsProcess.in(dir)
                .env("SESSIONS_SECRET_KEY", StoredSessions.SECRET)
                .env("SESSIONS_ENGINE", "file")
                .env("SESSIONS_FILE_PATH", files.get("sessions.file.path"))
                .run("clearsessions");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Removed 1 expired session (file engine).");
    }

    @Test
    @DisplayName("H3 SESSIONS_* environment variables override the --config file")
    void h3_environmentOverridesFile() throws IOException {
        Map<String, String> files = files();
        StoredSessions.saveExpired(files, 1);
        Path config = config(Map.of("sessions.engine", "cache"));

        Result result = SessionsProcess.in(dir)
                .env("SESSIONS_ENGINE", "file")
                .env("SESSIONS_FILE_PATH", files.get("sessions.file.path"))
                .run("clearsessions", "--config", config.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Removed 1 expired session (file engine).");
    }

    @Test
    @DisplayName("H3 cache engine: its storage expires sessions by itself; says so, exit 0")
    void h3_cacheExpiresByItself() {
        Result result = SessionsProcess.in(dir).run("clearsessions", "--config",
                config(Map.of("sessions.engine", "cache")).toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("The cache engine's storage expires sessions by itself: nothing to clear."
                + System.lineSeparator());
    }

    @Test
    @DisplayName("H3 signed_cookies engine: nothing on the server to clear; says so, exit 0")
    void h3_signedCookiesExpireByThemselves() {
        Result result = SessionsProcess.in(dir).run("clearsessions", "--config",
                config(Map.of("sessions.engine", "signed_cookies")).toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("signed_cookies engine's storage expires sessions by itself");
    }

    @Test
    @DisplayName("H3 an engine that cannot clear at all: exit 1 with Django's message")
    void h3_engineThatCannotClear() {
        String engine = UnclearableEngineProvider.class.getName();
        Result result = SessionsProcess.in(dir).withTestClasses().run("clearsessions", "--config",
                config(Map.of("sessions.engine", engine)).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("Session engine '" + engine
                + "' doesn't support clearing expired sessions.");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    @DisplayName("H3 bad config: an invalid value exits 2 naming the key, the value and what is allowed")
    void h3_badValueExits2() {
        Result result = SessionsProcess.in(dir).run("clearsessions", "--config",
                config(Map.of("sessions.cookie.age", "two weeks")).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("Invalid value 'two weeks' for sessions.cookie.age: expected a whole number")
                .contains(dir.resolve("app.properties").toString());
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    @DisplayName("H3 bad config: an unknown key, an unknown engine, a missing secret each exit 2")
    void h3_otherConfigErrorsExit2() {
        Result unknownKey = SessionsProcess.in(dir).run("clearsessions", "--config",
                config(Map.of("sessions.cookie.agee", "10")).toString());
        assertThat(unknownKey.exitCode()).as(unknownKey.toString()).isEqualTo(2);
        assertThat(unknownKey.stderr()).contains("Unknown setting sessions.cookie.agee");

        Result unknownEngine = SessionsProcess.in(dir).run("clearsessions", "--config",
                config(Map.of("sessions.engine", "mongo")).toString());
        assertThat(unknownEngine.exitCode()).as(unknownEngine.toString()).isEqualTo(2);
        assertThat(unknownEngine.stderr()).contains("Unknown engine sessions.engine='mongo'")
                .contains("cache, cached_db, db, file, signed_cookies");

        Result noSecret = SessionsProcess.in(dir).run("clearsessions");
        assertThat(noSecret.exitCode()).as(noSecret.toString()).isEqualTo(2);
        assertThat(noSecret.stderr()).contains("sessions.secret.key is required")
                .contains("environment only, no sessions.properties");
    }

    @Test
    @DisplayName("H3 a missing --config file exits 2 naming the path")
    void h3_missingConfigFileExits2() {
        Path missing = dir.resolve("nowhere/sessions.properties");
        Result result = SessionsProcess.in(dir).env("SESSIONS_SECRET_KEY", StoredSessions.SECRET)
                .run("clearsessions", "--config", missing.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("Settings file " + missing + " does not exist");
    }

    @Test
    @DisplayName("H3 a storage fault (PostgreSQL on a refused port) exits 1 with the cause")
    void h3_storageFaultExits1() {
        Result result = SessionsProcess.in(dir).run("clearsessions", "--config", config(Map.of(
                "sessions.db.url", "jdbc:postgresql://127.0.0.1:1/sessions",
                "sessions.db.pool.connection_timeout", "250")).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("db engine: cannot connect to jdbc:postgresql://127.0.0.1:1/sessions")
                .contains("Connection refused");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    @DisplayName("an unknown option is a usage error: exit 2 with a pointer to --help")
    void unknownOptionExits2() {
        Result result = SessionsProcess.in(dir).run("clearsessions", "--force");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("Unknown option: '--force'").contains("sessions clearsessions --help");
    }
}
