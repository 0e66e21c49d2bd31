package io.sessions4j.cli;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.engine.cacheddb.CachedDbEngine;
import io.sessions4j.engine.db.DbEngine;
import io.sessions4j.engine.db.DbSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
                "2:Usage or configuration error, including an engine other than db or cached_db; nothing was done."})
final class MigrateCommand implements Callable<Integer> {
    private static final Set<String> ENGINES_WITH_A_TABLE = Set.of(DbEngine.NAME, CachedDbEngine.NAME);

    @Mixin
    ConfigOptions options;

    @Option(names = "--dry-run", description = "Only list the pending migrations; change nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SessionSettings settings = options.load();
        String engine = settings.get(CoreSettings.ENGINE);
        if (!ENGINES_WITH_A_TABLE.contains(engine)) {
            throw new CommandFailure(ExitCodes.USAGE, "sessions.engine='" + engine + "' has no database schema to "
                    + "migrate: 'sessions migrate' is for the db and cached_db engines (their sessions.db.* table).");
        }
        String table = settings.get(DbSettings.TABLE);
        if (dryRun) {
            List<String> pending = DbEngine.pendingMigrations(settings);
            if (pending.isEmpty()) {
                out.println("Table " + table + " is up to date: no pending migrations.");
            } else {
                out.println("Pending migrations for table " + table + " (version, description):");
                pending.forEach(m -> out.println("  " + m));
            }
            return ExitCodes.OK;
        }
        int applied = DbEngine.migrate(settings);
        out.println(applied == 0 ? "Table " + table + " is up to date: no migrations to apply."
                : "Applied " + applied + " migration" + (applied == 1 ? "" : "s") + " to table " + table + ".");
        return ExitCodes.OK;
    }
}
