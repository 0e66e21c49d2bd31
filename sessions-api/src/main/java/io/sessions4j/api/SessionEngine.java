package io.sessions4j.api;

import java.time.Clock;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A configured storage engine: the factory of {@link SessionStore}s, shared by all requests and
 * thread-safe. Obtain one with {@link SessionEngines#load(SessionSettings)}; close it at shutdown.
 */
public interface SessionEngine extends AutoCloseable {

    /** The engine's name as written in {@code sessions.engine}. */
    String name();

    /** The settings the engine was built from. */
    SessionSettings settings();

    /**
     * The engine's clock: the one time source for expiry, signing and cookie dates, also of every web
     * integration over this engine (tests build engines with a controllable one).
     */
    Clock clock();

    /**
     * A store for one request. Lazy: nothing is read until the data is first touched.
     *
     * @param sessionKey the cookie value sent by the client, or null; an invalid or unknown key is
     *                   never adopted
     */
    SessionStore open(String sessionKey);

    /**
     * Removes expired sessions (Django's {@code clear_expired}). Engines whose storage expires
     * entries by itself return 0.
     *
     * @param progress told the running count of removed sessions as work proceeds
     * @return how many sessions were removed
     */
    long clearExpired(LongConsumer progress);

    /** {@link #clearExpired(LongConsumer)} without progress reports. */
    default long clearExpired() {
        return clearExpired(n -> { });
    }

    /** Whether {@link #clearExpired(LongConsumer)} does anything (false where the storage expires sessions itself). */
    default boolean needsClearExpired() {
        return true;
    }

    /** Live and expired session counts, where the engine can tell (not for caches or cookies). */
    default Optional<SessionCounts> count() {
        return Optional.empty();
    }

    /**
     * An optional capability of this engine — what only some engines can do (list sessions by user, migrate a
     * schema, ...) — or empty where it has none. Tools ask for the capability instead of naming engines.
     */
    default <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
    }

    /**
     * The allowlist and Jackson mapper of this engine's typed values ({@link SessionStore#putTyped}): integrations
     * register their types and Jackson modules here at start-up.
     */
    default TypedValues typedValues() {
        throw new UnsupportedOperationException("Engine " + name() + " does not support typed values");
    }

    /** Releases pools, connections and caches the engine owns. */
    @Override
    void close();
}
