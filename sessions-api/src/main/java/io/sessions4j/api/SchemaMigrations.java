package io.sessions4j.api;

import java.util.List;

/**
 * A capability of an engine provider whose storage has a schema to create and upgrade (a database
 * table): what the {@code sessions migrate} command runs. A {@link SessionEngineProvider} offers it by
 * implementing this interface; tools find it with {@code SessionEngines.provider(name) instanceof SchemaMigrations}.
 *
 * <p>Provider-level on purpose: an engine is not built to migrate, because building one checks the schema
 * and fails when it is missing (an application running with migrations turned off). Each call opens and
 * closes its own short-lived connections.
 */
public interface SchemaMigrations {

    /** What the migrations create or upgrade, for messages: e.g. {@code table sessions_session}. */
    String schema(SessionSettings settings);

    /**
     * The migrations {@link #migrate} would apply now, oldest first, as {@code "<version> <description>"}.
     * Changes nothing; empty when the schema is current.
     *
     * @throws SessionStorageException when the storage cannot be reached
     */
    List<String> pendingMigrations(SessionSettings settings);

    /**
     * Creates or upgrades the schema now, whatever the engine's own "migrate at start-up" setting says.
     *
     * @return how many migrations ran; 0 when the schema was current
     * @throws SessionStorageException when the storage cannot be reached or a migration fails
     */
    int migrate(SessionSettings settings);
}
