package io.sessions4j.cli;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SchemaMigrations;
import io.sessions4j.api.SessionEngineProvider;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sessions migrate}: creates or upgrades the db engine's session table (Flyway), or lists what would run. */
@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Create or upgrade the db engine's session table.",
        description = {"Create or upgrade the session table of the db (or cached_db) engine: the Flyway migrations "
                + "shipped with sessions4j, recorded in their own history table <table>_s4j_history. An existing table "
                + "(e.g. Django's django_session) is kept as it is.",
                "",
                "Use it when the application runs with sessions.db.migrate=false (a database user without DDL rights)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.STORAGE_FAULT_LINE,
                "2:Usage or configuration error, including an engine without a database schema (only db and cached_db "
                        + "have one); nothing was done."})
final class MigrateCommand extends SettingsCommand {

    @Option(names = "--dry-run", description = "Only list the pending migrations; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = out();
        SessionSettings settings = options.load();
        String engine = settings.get(CoreSettings.ENGINE);
        if (!(SessionEngines.provider(engine) instanceof SchemaMigrations migrations)) {
            throw new CommandFailure(ExitCodes.USAGE, "sessions.engine='" + engine + "' has no database schema to "
                    + "migrate: 'sessions migrate' is for the engines that have one (" + enginesWithASchema() + ").");
        }
        SchemaMigrations.Schema schema = migrations.schema(settings);
        if (dryRun) {
            List<String> pending = schema.pending();
            if (pending.isEmpty()) {
                out.println(capitalized(schema.name()) + " is up to date: no pending migrations.");
            } else {
                out.println("Pending migrations for " + schema.name() + " (version, description):");
                pending.forEach(m -> out.println("  " + m));
            }
            return ExitCodes.OK;
        }
        int applied = schema.migrate();
        out.println(applied == 0 ? capitalized(schema.name()) + " is up to date: no migrations to apply."
                : "Applied " + applied + " migration" + (applied == 1 ? "" : "s") + " to " + schema.name() + ".");
        return ExitCodes.OK;
    }

    /** The registered engines offering migrations, in registration order: e.g. {@code db and cached_db}. */
    private static String enginesWithASchema() {
        List<String> names = SessionEngines.providers().stream().filter(p -> p instanceof SchemaMigrations)
                .map(SessionEngineProvider::name).toList();
        if (names.isEmpty()) {
            return "none on the class path";
        }
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
