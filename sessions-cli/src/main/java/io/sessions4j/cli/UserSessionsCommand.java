package io.sessions4j.cli;

import io.sessions4j.spi.ClientSideStorage;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.users.SessionsByUser;

/** What {@code sessions list} and {@code sessions revoke} share: the capability, or exit 1 saying why. */
final class UserSessionsCommand {
    private UserSessionsCommand() {
    }

    /** The engine's {@link SessionsByUser}. @throws CommandFailure (exit 1) when the engine keeps no index */
    static SessionsByUser of(SessionEngine engine) {
        return engine.capability(SessionsByUser.class).orElseThrow(() -> new CommandFailure(ExitCodes.FAILURE,
                "The " + engine.name() + " engine keeps no index of sessions by user, so it cannot list or revoke them"
                        + (engine.capability(ClientSideStorage.class).isPresent()
                        ? " (the sessions live in the clients' cookies)." : ".")));
    }

    static final String NO_INDEX_LINE = "1:The engine keeps no index of sessions by user (signed_cookies), or a "
            + "storage fault (the cause is printed).";
}
