package io.sessions4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.cli.SessionsProcess.Result;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sessions migrate}: the db engine's Flyway migrations, run as a process from the packaged jar. */
@DisplayName("sessions migrate (packaged command)")
class MigrateIT {
    @TempDir
    Path dir;

    private Path config(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "sessions.secret.key", StoredSessions.SECRET,
                "sessions.db.url", "jdbc:h2:file:" + dir.resolve("db/sessions"),
                "sessions.db.table", "app_sessions"));
        settings.putAll(extra);
        return SessionsProcess.properties(dir.resolve("app.properties"), settings);
    }

    @Test
    @DisplayName("--dry-run lists the pending migration and changes nothing; migrate applies it; then both say up to date")
    void dryRunThenMigrate() {
        String config = config(Map.of("sessions.db.migrate", "false")).toString();

        Result dryRun = SessionsProcess.in(dir).run("migrate", "--dry-run", "--config", config);
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.stdout()).contains("Pending migrations for table app_sessions").contains("  1 create session table").contains("  2 principal index");

        Result noTable = SessionsProcess.in(dir).run("stats", "--config", config);
        assertThat(noTable.exitCode()).as("the dry run created nothing: " + noTable).isEqualTo(2);
        assertThat(noTable.stderr()).contains("table app_sessions does not exist").contains("sessions migrate");

        Result migrate = SessionsProcess.in(dir).run("migrate", "--config", config);
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.stdout()).isEqualTo("Applied 2 migrations to table app_sessions." + System.lineSeparator());

        Result again = SessionsProcess.in(dir).run("migrate", "--config", config);
        assertThat(again.stdout()).as(again.toString()).contains("Table app_sessions is up to date");
        Result dryAgain = SessionsProcess.in(dir).run("migrate", "--dry-run", "--config", config);
        assertThat(dryAgain.stdout()).as(dryAgain.toString()).contains("no pending migrations");

        // The engine, which only checks the table (migrate=false), now works on it.
        List<String> live = StoredSessions.saveLive(Map.of("sessions.db.url", "jdbc:h2:file:" + dir.resolve("db/sessions"),
                "sessions.db.table", "app_sessions", "sessions.db.migrate", "false"), 1);
        assertThat(live).hasSize(1);
    }

    @Test
    @DisplayName("an engine without a database table (file, cache, signed_cookies) exits 2 with a clear message")
    void nonDbEngineExits2() {
        Result result = SessionsProcess.in(dir).run("migrate", "--config",
                config(Map.of("sessions.engine", "signed_cookies")).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("sessions.engine='signed_cookies' has no database schema to migrate")
                .contains("db and cached_db");
    }

    @Test
    @DisplayName("an unreachable database exits 1 with the cause, for --dry-run too")
    void unreachableDatabaseExits1() {
        String config = config(Map.of("sessions.db.url", "jdbc:postgresql://127.0.0.1:1/sessions",
                "sessions.db.pool.connection_timeout", "250")).toString();
        for (String[] args : List.of(new String[] {"migrate", "--config", config},
                new String[] {"migrate", "--dry-run", "--config", config})) {
            Result result = SessionsProcess.in(dir).run(args);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.stderr()).contains("Connection refused");
        }
    }
}
