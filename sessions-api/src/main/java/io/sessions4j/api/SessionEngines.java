package io.sessions4j.api;

import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Finds and builds the engine named by {@code sessions.engine}. */
public final class SessionEngines {
    private SessionEngines() {
    }

    /** The engine named in the settings, using the system clock. */
    public static SessionEngine load(SessionSettings settings) {
        return load(settings, Clock.systemUTC());
    }

    /** The engine named in the settings, with an explicit clock (tests use a controllable one). */
    public static SessionEngine load(SessionSettings settings, Clock clock) {
        return provider(settings.get(CoreSettings.ENGINE)).create(settings, clock);
    }

    /**
     * The provider for a built-in name or a provider class name.
     *
     * @throws SessionConfigurationException listing the engines found when none matches
     */
    public static SessionEngineProvider provider(String name) {
        for (SessionEngineProvider p : providers()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return providerClass(name).orElseThrow(() -> new SessionConfigurationException(
                "Unknown engine sessions.engine='" + name + "'. Available engines: "
                        + (providers().isEmpty() ? "none (add an engine module such as sessions-engine-db to the class path)"
                        : providers().stream().map(SessionEngineProvider::name)
                        .collect(Collectors.toCollection(TreeSet::new)))
                        + ", or the class name of a SessionEngineProvider"));
    }

    /** Every provider registered through {@link ServiceLoader}. */
    public static List<SessionEngineProvider> providers() {
        return ServiceLoader.load(SessionEngineProvider.class, SessionEngines.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
    }

    static Optional<SessionEngineProvider> providerClass(String name) {
        if (name == null || !name.contains(".")) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(name, true, SessionEngines.class.getClassLoader());
            if (!SessionEngineProvider.class.isAssignableFrom(type)) {
                throw new SessionConfigurationException("sessions.engine='" + name
                        + "' is not a " + SessionEngineProvider.class.getName());
            }
            return Optional.of((SessionEngineProvider) type.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new SessionConfigurationException("sessions.engine='" + name
                    + "' cannot be instantiated (a public no-argument constructor is required): " + e, e);
        }
    }
}
