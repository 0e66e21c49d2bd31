package io.sessions4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: where the settings come from ({@link ConfigOptions}) and where it prints.
 * A failure is thrown, never printed here: {@link SessionsCommand} turns it into a message and an exit code.
 */
abstract class SettingsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    /** The command's standard output. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The command's standard error, for progress. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
