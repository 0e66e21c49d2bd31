package io.sessions4j.cli;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every subcommand shares: where the settings come from, and how much to log.
 *
 * <p>Settings: {@code --config FILE}; else {@code ./sessions.properties} when it exists; else the
 * environment alone ({@code SESSIONS_*} variables). Environment variables override the file in
 * every case, as {@link SessionSettings} does for applications.
 */
final class ConfigOptions {
    /** The settings file read when {@code --config} is not given, in the working directory. */
    static final String DEFAULT_FILE = "sessions.properties";

    /** The slf4j-simple property of the default level; read once, when the first logger is made. */
    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (.properties) with the sessions.* keys. Default: ./" + DEFAULT_FILE
                    + " if it exists, else the environment alone. Environment variables override the file in "
                    + "every case: SESSIONS_SECRET_KEY sets sessions.secret.key, and so on.")
    Path config;

    boolean verbose;

    @Option(names = {"-v", "--verbose"},
            description = "Log what the engine does (info level, on stderr) and print the stack trace of a failure.")
    void verbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose) {
            // Picocli parses before any engine class logs, so slf4j-simple still picks this up.
            System.setProperty(LOG_LEVEL_PROPERTY, "info");
            System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari.pool.HikariPool", "info");
        }
    }

    /**
     * Reads and validates the settings.
     *
     * @throws SessionConfigurationException naming the file the settings came from
     */
    SessionSettings load() {
        Path file = config;
        if (file != null && !Files.isRegularFile(file)) {
            throw new SessionConfigurationException("Settings file " + file.toAbsolutePath()
                    + (Files.exists(file) ? " is not a regular file" : " does not exist") + " (--config)");
        }
        if (file == null && Files.isRegularFile(Path.of(DEFAULT_FILE))) {
            file = Path.of(DEFAULT_FILE);
        }
        try {
            return file != null ? SessionSettings.fromFile(file) : SessionSettings.from(Map.of(), System.getenv());
        } catch (SessionConfigurationException e) {
            throw new SessionConfigurationException(e.getMessage() + " (settings: "
                    + (file != null ? file.toAbsolutePath() : "environment only, no " + DEFAULT_FILE
                    + " in " + Path.of("").toAbsolutePath()) + ")", e);
        }
    }
}
