package io.sessions4j.cli;

import picocli.CommandLine.Option;

/** The {@code --user} option of {@code sessions list} and {@code sessions revoke}. */
final class UserOption {
    @Option(names = "--user", required = true, paramLabel = "USER",
            description = "The principal (the value of sessions.principal.key, e.g. a user id).")
    String user;
}
