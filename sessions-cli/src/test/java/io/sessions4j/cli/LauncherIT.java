package io.sessions4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.cli.SessionsProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script {@code target/sessions}: what a user runs, without Maven. */
@DisplayName("target/sessions launcher script")
@DisabledOnOs(OS.WINDOWS)
class LauncherIT {
    @TempDir
    Path dir;

    @Test
    @DisplayName("is executable and runs the jar beside it, from any working directory")
    void runsTheJarBesideIt() {
        Path script = SessionsProcess.launcherScript();
        assertThat(Files.isExecutable(script)).as("executable").isTrue();

        Result result = SessionsProcess.in(dir).viaLauncher(script).run("--version");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("sessions (sessions4j) ");
    }

    @Test
    @DisplayName("works through a chain of symbolic links (e.g. /usr/local/bin/sessions), passing arguments and exit codes")
    void worksThroughSymlinks() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path relative = Files.createSymbolicLink(dir.resolve("sessions-link"), SessionsProcess.launcherScript());
        Path link = Files.createSymbolicLink(bin.resolve("sessions"), bin.relativize(relative));

        Result version = SessionsProcess.in(dir).viaLauncher(link).run("--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();

        Result bad = SessionsProcess.in(dir).viaLauncher(link).run("encode", "not json", "--config", "missing.properties");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.stderr()).contains("Invalid JSON");
    }
}
