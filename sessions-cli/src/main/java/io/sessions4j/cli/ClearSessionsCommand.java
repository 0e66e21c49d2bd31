package io.sessions4j.cli;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionEngine;
import picocli.CommandLine.Command;

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
final class ClearSessionsCommand extends EngineCommand {

    @Override
    int run(SessionEngine engine) {
        if (!engine.needsClearExpired()) {
            out().println("The " + engine.name() + " engine's storage expires sessions by itself: nothing to clear.");
            return ExitCodes.OK;
        }
        ProgressReport progress = ProgressReport.forThisProcess(err(), "expired sessions removed");
        long removed;
        try {
            removed = engine.clearExpired(progress);
        } catch (UnsupportedOperationException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "Session engine '" + engine.settings().get(CoreSettings.ENGINE)
                    + "' doesn't support clearing expired sessions.", e);
        } finally {
            progress.finish();
        }
        out().println("Removed " + removed + " expired session" + (removed == 1 ? "" : "s")
                + " (" + engine.name() + " engine).");
        return ExitCodes.OK;
    }
}
