package io.sessions4j.api;

import io.sessions4j.spi.SessionEngineProvider;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finding {@link SessionEngineProvider}s: by {@link ServiceLoader}, or by class name. Shared by
 * {@link SessionSettings} (which keys exist) and {@link SessionEngines} (which engine to build), so neither
 * depends on the other.
 */
final class EngineProviders {
    private EngineProviders() {
    }

    /** Every provider registered through {@link ServiceLoader}. */
    static List<SessionEngineProvider> registered() {
        return ServiceLoader.load(SessionEngineProvider.class, EngineProviders.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
    }

    /**
     * The provider class named {@code name}, when it is a class name that exists.
     *
     * @throws SessionConfigurationException when the class exists but is no provider or cannot be built
     */
    static Optional<SessionEngineProvider> byClassName(String name) {
        if (name == null || !name.contains(".")) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(name, true, EngineProviders.class.getClassLoader());
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
