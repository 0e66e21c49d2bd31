package io.sessions4j.cli;

import io.sessions4j.api.LogSafe;
import io.sessions4j.api.SessionConfigurationException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code sessions}: the management command of sessions4j, Django's {@code manage.py clearsessions}
 * and friends. Run it as {@code target/sessions} (launcher script) or {@code java -jar sessions.jar}.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Manage the sessions of a sessions4j application: remove expired sessions, create the "
                + "session table, inspect signed values, count sessions. The engine and its storage come from "
                + "the same sessions.properties the application uses.",
        subcommands = {ClearSessionsCommand.class, MigrateCommand.class, DecodeCommand.class, EncodeCommand.class,
                StatsCommand.class, ListCommand.class, RevokeCommand.class, HelpCommand.class},
        footer = {"", "Run 'sessions COMMAND --help' for the options of a command."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE})
public final class SessionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Runs the command and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command on this process's stdout and stderr (UTF-8) and returns the exit code. */
    public static int execute(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        try {
            return commandLine(out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command line, writing to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SessionsCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(SessionsCommand::handleFailure);
        cli.setParameterExceptionHandler(SessionsCommand::handleBadUsage);
        cli.setUsageHelpAutoWidth(true);
        headings(cli);
        return cli;
    }

    /** Blank lines and headings between the parts of every command's help, for reading in a terminal. */
    private static void headings(CommandLine cli) {
        cli.getCommandSpec().usageMessage()
                .synopsisHeading("%nUsage: ")
                .descriptionHeading("%n")
                .parameterListHeading("%nArguments:%n")
                .optionListHeading("%nOptions:%n")
                .commandListHeading("%nCommands:%n");
        cli.getSubcommands().values().forEach(SessionsCommand::headings);
    }

    /** {@code sessions} without a command: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing command.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    private static int handleFailure(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        int code;
        if (e instanceof CommandFailure failure) {
            code = failure.exitCode();
        } else if (e instanceof SessionConfigurationException) {
            code = ExitCodes.USAGE;
        } else {
            code = ExitCodes.FAILURE; // storage faults, and anything unforeseen
        }
        // A CommandFailure's message is complete; other exceptions may hide their origin in a cause.
        err.println(cli.getCommandSpec().qualifiedName() + ": "
                + (e instanceof CommandFailure ? e.getMessage() : LogSafe.describe(e)));
        if (verbose(parsed)) {
            e.printStackTrace(err);
        } else if (!(e instanceof CommandFailure) && !(e instanceof io.sessions4j.api.SessionException)) {
            err.println("(run with --verbose for the stack trace)");
        }
        err.flush();
        return code;
    }

    private static int handleBadUsage(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static boolean verbose(ParseResult parsed) {
        ParseResult innermost = parsed;
        while (innermost.hasSubcommand()) {
            innermost = innermost.subcommand();
        }
        return innermost.hasMatchedOption("--verbose");
    }
}
