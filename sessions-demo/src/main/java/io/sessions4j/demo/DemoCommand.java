package io.sessions4j.demo;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar sessions-demo.jar [--config FILE] [--host HOST] [--port PORT] [--data-dir DIR]}:
 * starts the demo and serves until interrupted. Exit codes: 0 after a clean stop, 1 when the
 * server cannot start, 2 for bad options or settings.
 */
@Command(name = "sessions-demo", mixinStandardHelpOptions = true, version = "sessions4j demo 0.1.0",
        description = {"Runs the sessions4j demo web app.",
                "Without --config: the db engine on an H2 file in the data directory. SESSIONS_* environment "
                        + "variables override any setting (SESSIONS_ENGINE=file, SESSIONS_COOKIE_AGE=600, ...)."})
public final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "A sessions.properties file (any engine). Default: the db engine on H2 under --data-dir.")
    Path config;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where the default H2 database and the generated secret key live (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new DemoCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof SessionConfigurationException) {
                cmd.getErr().println("Configuration error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--port must be from 0 to 65535, not " + port);
        }
        SessionSettings settings = DemoSettings.resolve(config, dataDir, System.getenv());
        DemoServer server = new DemoServer(settings, host, port);
        try {
            server.start();
        } catch (IOException e) {
            // Jetty reports a busy port as an IOException wrapping BindException.
            LOG.error("Cannot listen on {}:{}: {}", host, port, e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "demo-shutdown"));
        LOG.info("Open {} in a browser; Ctrl+C stops the demo", server.uri());
        server.join();
        return 0;
    }
}
