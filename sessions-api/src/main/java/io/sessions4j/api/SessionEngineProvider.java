package io.sessions4j.api;

import java.time.Clock;
import java.util.List;

/**
 * Service-provider interface of a storage engine, found with {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/io.sessions4j.api.SessionEngineProvider}) or named by
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
     * @param clock the time source for expiry decisions; tests pass a controllable one
     */
    SessionEngine create(SessionSettings settings, Clock clock);
}
