package io.sessions4j.cli;

import io.sessions4j.api.SessionCounts;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SizeHistogram;
import io.sessions4j.api.StorageSessionEngine;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code sessions stats}: live and expired session counts, where the engine can tell. */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Count live and expired sessions.",
        description = {"Print how many live and how many expired sessions the configured engine's storage holds. "
                + "Expired ones are what 'sessions clearsessions' would remove now. The db and cached_db engines "
                + "add a histogram of the stored sizes of live sessions (one more scan of the table).",
                "",
                "The db, cached_db and file engines can count (the file engine reads every session file); the cache "
                        + "and signed_cookies engines cannot, which the command says, and succeeds."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.STORAGE_FAULT_LINE, ExitCodes.USAGE_LINE})
final class StatsCommand extends EngineCommand {

    @Override
    int run(SessionEngine engine) {
        PrintWriter out = out();
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
        if (engine instanceof StorageSessionEngine storageEngine) {
            storageEngine.sizeHistogram().ifPresent(histogram -> printSizes(out, histogram));
        }
        return ExitCodes.OK;
    }

    /** One line per bucket with a bar scaled to the largest bucket. */
    private static void printSizes(PrintWriter out, SizeHistogram histogram) {
        if (histogram.total() == 0) {
            return;
        }
        out.println("Stored sizes of live sessions (largest " + histogram.maxBytes() + " B):");
        long[] counts = histogram.counts();
        long most = java.util.Arrays.stream(counts).max().orElse(1);
        for (int i = 0; i < counts.length; i++) {
            int bar = (int) Math.round(40.0 * counts[i] / most);
            out.printf("  %-18s %8d %s%n", SizeHistogram.label(i), counts[i], "#".repeat(bar));
        }
    }
}
