package io.sessions4j.cli;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.users.SessionsByUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sessions revoke --user U [--handle H]}: end one or every session of a user. */
@Command(name = "revoke", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "End one or all sessions of a user (log out everywhere).",
        description = {"Delete every live session of the user, or with --handle only the one 'sessions list' showed "
                + "under that handle. Also the erase of a user's sessions on request (GDPR)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, UserSessionsCommand.NO_INDEX_LINE, ExitCodes.USAGE_LINE})
final class RevokeCommand extends EngineCommand {

    @Mixin
    UserOption principal;

    @Option(names = "--handle", paramLabel = "HANDLE", description = "Only this session (a handle from 'sessions list').")
    String handle;

    @Override
    int run(SessionEngine engine) {
        SessionsByUser byUser = UserSessionsCommand.of(engine);
        if (handle == null) {
            out().println("Revoked " + byUser.revokeAll(principal.user) + " session(s) of " + principal.user + ".");
            return ExitCodes.OK;
        }
        if (!byUser.revoke(principal.user, handle)) {
            throw new CommandFailure(ExitCodes.FAILURE, "No live session of " + principal.user + " has handle " + handle + ".");
        }
        out().println("Revoked session " + handle + " of " + principal.user + ".");
        return ExitCodes.OK;
    }
}
