package io.sessions4j.cli;

/**
 * A subcommand cannot do what was asked, for a reason the user can act on: the message is printed
 * as it is (no stack trace) and the process exits with {@link #exitCode()}.
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
