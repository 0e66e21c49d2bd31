package io.sessions4j.spi;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.Setting;
import java.time.Clock;
import java.util.List;

/**
 * Service-provider interface of a storage engine, found with {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/io.sessions4j.spi.SessionEngineProvider}) or named by
 * class in {@code sessions.engine}.
 */
public interface SessionEngineProvider {

    /** The name users write in {@code sessions.engine}, e.g. {@code db}. */
    String name();

    /** The engine-specific settings this engine reads, with their defaults. */
    default List<Setting<?>> settings() {
        return List.of();
    }

    /**
     * Builds a ready engine. Opens pools and checks storage now, so that a bad setting or an
     * unreachable store fails at start-up.
     *
     * @param context the settings, the clock (tests pass a controllable one), the serializer and Django's
     *                stored-data codec, built once by {@link SessionEngines#load}
     * @throws SessionConfigurationException naming a bad setting
     * @throws SessionStorageException       when the storage cannot be reached
     */
    SessionEngine create(SessionContext context);

    /** {@link #create(SessionContext)} with a context built from {@code settings} and {@code clock} (tests, tools). */
    default SessionEngine create(SessionSettings settings, Clock clock) {
        return create(SessionContext.create(settings, clock));
    }
}
