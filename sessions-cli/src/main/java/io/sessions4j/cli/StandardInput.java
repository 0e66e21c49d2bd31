package io.sessions4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The {@code -} argument convention: read the value from standard input instead. */
final class StandardInput {
    private StandardInput() {
    }

    /**
     * {@code argument} itself, or all of standard input (UTF-8, surrounding whitespace removed) when it is {@code -}.
     *
     * @param what what the argument is, for the error message
     */
    static String readIfDash(String argument, String what) {
        if (!"-".equals(argument)) {
            return argument;
        }
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "Cannot read " + what + " from standard input: " + e, e);
        }
    }
}
