package io.sessions4j.cli;

import io.sessions4j.api.SessionCounts;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sessions stats}: live and expired session counts, where the engine can tell. */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Count live and expired sessions.",
        description = {"Print how many live and how many expired sessions the configured engine's storage holds. "
                + "Expired ones are what 'sessions clearsessions' would remove now.",
                "",
                "The db, cached_db and file engines can count (the file engine reads every session file); the cache "
                        + "and signed_cookies engines cannot, which the command says, and succeeds."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.STORAGE_FAULT_LINE, ExitCodes.USAGE_LINE})
final class StatsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SessionEngine engine = SessionEngines.load(options.load())) {
            Optional<SessionCounts> counts = engine.count();
            out.println("Engine:           " + engine.name());
            if (counts.isEmpty()) {
                out.println("The " + engine.name() + " engine cannot count its sessions"
                        + (engine.needsClearExpired() ? "." : " (its storage expires them by itself)."));
                return ExitCodes.OK;
            }
            out.println("Live sessions:    " + counts.get().live());
            out.println("Expired sessions: " + counts.get().expired()
                    + (counts.get().expired() > 0 ? " (run 'sessions clearsessions' to remove them)" : ""));
            return ExitCodes.OK;
        }
    }
}
