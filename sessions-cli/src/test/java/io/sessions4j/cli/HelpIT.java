package io.sessions4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.cli.SessionsProcess.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --help} and {@code --version} of the packaged command and of every subcommand. */
@DisplayName("sessions --help / --version (packaged command)")
class HelpIT {
    private static final List<String> COMMANDS = List.of("clearsessions", "migrate", "decode", "encode", "stats");

    @TempDir
    Path dir;

    @Test
    @DisplayName("--help of every subcommand: exit 0, usage, every option described, exit codes listed")
    void everySubcommandHasHelp() {
        for (String command : COMMANDS) {
            Result help = SessionsProcess.in(dir).run(command, "--help");
            assertThat(help.exitCode()).as(help.toString()).isZero();
            assertThat(help.stdout()).as(command)
                    .contains("Usage: sessions " + command)
                    .contains("--config=FILE", "Settings file (.properties)")
                    .contains("-v, --verbose", "-h, --help", "-V, --version")
                    .contains("Exit codes:", "  0   Success.", "  1   ", "  2   ");
            assertThat(help.stderr()).isEmpty();
        }
    }

    @Test
    @DisplayName("subcommand help names their own options and arguments")
    void subcommandSpecificHelp() {
        assertThat(SessionsProcess.in(dir).run("migrate", "--help").stdout()).contains("--dry-run", "Only list the pending");
        assertThat(SessionsProcess.in(dir).run("decode", "--help").stdout())
                .contains("VALUE", "- to read it from", "--json");
        assertThat(SessionsProcess.in(dir).run("encode", "--help").stdout())
                .contains("JSON", "--salt=session|cookie", "Default: session");
        assertThat(SessionsProcess.in(dir).run("clearsessions", "--help").stdout())
                .contains("17 3 * * * /opt/app/sessions clearsessions --config");
    }

    @Test
    @DisplayName("sessions --help lists every command; 'sessions help stats' shows the stats help")
    void topLevelHelp() {
        Result help = SessionsProcess.in(dir).run("--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.stdout()).contains(COMMANDS.toArray(String[]::new)).contains("Exit codes:");

        Result helpStats = SessionsProcess.in(dir).run("help", "stats");
        assertThat(helpStats.exitCode()).as(helpStats.toString()).isZero();
        assertThat(helpStats.stdout()).contains("Usage: sessions stats");
    }

    @Test
    @DisplayName("--version prints the sessions4j version, for the command and its subcommands")
    void version() {
        Result version = SessionsProcess.in(dir).run("--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.stdout()).startsWith("sessions (sessions4j) 0.1.0" + System.lineSeparator()).contains("Java ");
        assertThat(SessionsProcess.in(dir).run("stats", "--version").stdout()).startsWith("sessions (sessions4j) 0.1.0");
    }

    @Test
    @DisplayName("no command, or an unknown one, is a usage error: exit 2")
    void missingOrUnknownCommand() {
        Result none = SessionsProcess.in(dir).run();
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
        assertThat(none.stderr()).contains("Missing command.").contains("Usage: sessions");

        Result unknown = SessionsProcess.in(dir).run("clearsession");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("Unmatched argument").contains("clearsessions");
    }
}
