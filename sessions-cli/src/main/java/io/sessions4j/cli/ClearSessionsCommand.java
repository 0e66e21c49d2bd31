package io.sessions4j.cli;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sessions clearsessions}: Django's {@code manage.py clearsessions}. Removes the expired sessions
 * of the configured engine and prints how many; engines whose storage expires sessions by itself (cache,
 * signed_cookies) have nothing to do.
 */
@Command(name = "clearsessions", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Remove expired sessions (Django's clearsessions).",
        description = {"Remove expired sessions from the configured engine's storage and print how many were removed "
                + "(Django's clearsessions). Safe while the application runs: live sessions are never touched, and "
                + "the db engine deletes in small batches.",
                "",
                "Engines whose storage expires sessions by itself (cache, signed_cookies) have nothing to remove: "
                        + "the command says so and succeeds.",
                "",
                "Progress: on a terminal a running count is updated in place; otherwise a line at most once a "
                        + "second (on stderr). Run it from cron, e.g. daily:",
                "",
                "  17 3 * * * /opt/app/sessions clearsessions --config /etc/sessions.properties"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.CLEAR_FAILURE_LINE, ExitCodes.USAGE_LINE})
final class ClearSessionsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SessionSettings settings = options.load();
        String configured = settings.get(CoreSettings.ENGINE);
        try (SessionEngine engine = SessionEngines.load(settings)) {
            if (!engine.needsClearExpired()) {
                out.println("The " + engine.name() + " engine's storage expires sessions by itself: "
                        + "nothing to clear.");
                return ExitCodes.OK;
            }
            ProgressReport progress = ProgressReport.forThisProcess(spec.commandLine().getErr(),
                    "expired sessions removed");
            long removed;
            try {
                removed = engine.clearExpired(progress);
            } finally {
                progress.finish();
            }
            out.println("Removed " + removed + " expired session" + (removed == 1 ? "" : "s")
                    + " (" + engine.name() + " engine).");
            return ExitCodes.OK;
        } catch (UnsupportedOperationException e) {
            throw new CommandFailure(ExitCodes.FAILURE,
                    "Session engine '" + configured + "' doesn't support clearing expired sessions.", e);
        }
    }
}
