package io.sessions4j.cli;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;

/** A subcommand that works on the configured engine: builds it from the settings and closes it whatever happens. */
abstract class EngineCommand extends SettingsCommand {

    @Override
    public final Integer call() {
        try (SessionEngine engine = SessionEngines.load(options.load())) {
            return run(engine);
        }
    }

    /** The command's work on {@code engine}; returns the exit code. */
    abstract int run(SessionEngine engine);
}
