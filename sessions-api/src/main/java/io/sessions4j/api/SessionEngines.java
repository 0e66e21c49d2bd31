package io.sessions4j.api;

import io.sessions4j.spi.SessionEngineProvider;
import java.time.Clock;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Finds and builds the engine named by {@code sessions.engine}: the one construction path of every engine. */
public final class SessionEngines {
    private SessionEngines() {
    }

    /** The engine named in the settings, using the system clock. */
    public static SessionEngine load(SessionSettings settings) {
        return load(settings, Clock.systemUTC());
    }

    /** The engine named in the settings, with an explicit clock (tests use a controllable one). */
    public static SessionEngine load(SessionSettings settings, Clock clock) {
        return provider(settings.get(CoreSettings.ENGINE)).create(SessionContext.create(settings, clock));
    }

    /**
     * The provider for a built-in name or a provider class name.
     *
     * @throws SessionConfigurationException listing the engines found when none matches
     */
    public static SessionEngineProvider provider(String name) {
        List<SessionEngineProvider> registered = EngineProviders.registered();
        for (SessionEngineProvider p : registered) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return EngineProviders.byClassName(name).orElseThrow(() -> new SessionConfigurationException(
                "Unknown engine sessions.engine='" + name + "'. Available engines: "
                        + (registered.isEmpty() ? "none (add an engine module such as sessions-engine-db to the class path)"
                        : registered.stream().map(SessionEngineProvider::name)
                        .collect(Collectors.toCollection(TreeSet::new)))
                        + ", or the class name of a SessionEngineProvider"));
    }

    /** Every provider registered through {@link java.util.ServiceLoader}. */
    public static List<SessionEngineProvider> providers() {
        return EngineProviders.registered();
    }
}
