package io.sessions4j.api;

import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A capability of an engine provider whose storage has a schema to create and upgrade (a database
 * table): what the {@code sessions migrate} command runs. A {@link SessionEngineProvider} offers it by
 * implementing this interface; tools find it with {@code SessionEngines.provider(name) instanceof SchemaMigrations}.
 *
 * <p>Provider-level on purpose: an engine is not built to migrate, because building one checks the schema
 * and fails when it is missing (an application running with migrations turned off).
 */
public interface SchemaMigrations {

    /** The schema the engine would use with {@code settings}. Connects to nothing yet. */
    Schema schema(SessionSettings settings);

    /** One engine's schema under given settings. Each call of {@link #pending} or {@link #migrate} opens and closes its own connections. */
    final class Schema {
        private final String name;
        private final Supplier<List<String>> pending;
        private final IntSupplier migrate;

        /**
         * @param name    what the migrations create or upgrade, for messages: e.g. {@code table sessions_session}
         * @param pending lists the pending migrations (see {@link #pending})
         * @param migrate applies them (see {@link #migrate})
         */
        public Schema(String name, Supplier<List<String>> pending, IntSupplier migrate) {
            this.name = Objects.requireNonNull(name, "name");
            this.pending = Objects.requireNonNull(pending, "pending");
            this.migrate = Objects.requireNonNull(migrate, "migrate");
        }

        /** What the migrations create or upgrade, for messages: e.g. {@code table sessions_session}. */
        public String name() {
            return name;
        }

        /**
         * The migrations {@link #migrate} would apply now, oldest first, as {@code "<version> <description>"}.
         * Changes nothing; empty when the schema is current.
         *
         * @throws SessionStorageException when the storage cannot be reached
         */
        public List<String> pending() {
            return pending.get();
        }

        /**
         * Creates or upgrades the schema now, whatever the engine's own "migrate at start-up" setting says.
         *
         * @return how many migrations ran; 0 when the schema was current
         * @throws SessionStorageException when the storage cannot be reached or a migration fails
         */
        public int migrate() {
            return migrate.getAsInt();
        }
    }
}
