package io.sessions4j.cli;

/** The exit codes of every subcommand, and their description for the usage help. */
final class ExitCodes {
    private ExitCodes() {
    }

    /** Done. */
    static final int OK = 0;
    /** The work failed: storage fault, bad or expired signature, an engine that cannot clear. */
    static final int FAILURE = 1;
    /** Bad command line or bad configuration: nothing was done. */
    static final int USAGE = 2;

    static final String HEADING = "%nExit codes:%n";
    static final String OK_LINE = "0:Success.";
    static final String FAILURE_LINE = "1:Failure: a storage fault (database, Redis or directory unreachable), "
            + "a bad or expired signature, or an engine that cannot clear expired sessions.";
    static final String STORAGE_FAULT_LINE = "1:Storage fault: the database, Redis or session directory could not "
            + "be reached or used (the cause is printed).";
    static final String CLEAR_FAILURE_LINE = "1:Storage fault (the cause is printed), or an engine that cannot clear "
            + "expired sessions.";
    static final String USAGE_LINE = "2:Usage or configuration error (unknown option, missing or invalid setting, "
            + "missing --config file); nothing was done.";
}
