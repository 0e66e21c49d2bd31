package io.sessions4j.api;

import java.time.Instant;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * What a server-side engine implements: a thin, thread-safe adapter to its storage. Every session
 * rule (flags, expiry arithmetic, key checks, encoding, the merge-and-retry loop) lives in
 * {@link SessionStore}; a storage only reads and writes opaque encoded strings.
 *
 * <p>Keys handed to a storage have passed {@link SessionKeys#isValid(String)}. Failures of the
 * storage itself are thrown as {@link SessionStorageException}.
 */
public interface SessionStorage extends AutoCloseable {

    /** The stored record, or empty when missing or expired at {@code now}. One round trip. */
    Optional<Stored> load(String key, Instant now);

    /** Whether a live record exists at {@code now}. */
    boolean exists(String key, Instant now);

    /**
     * Inserts a new record.
     *
     * @return the record as stored (with the engine's version)
     * @throws CreateException if the key is already taken
     */
    Stored create(String key, String data, Instant expiry);

    /**
     * Compare-and-set: replaces the record only if it is still {@code expected} (by the engine's
     * version). A null {@code expected} replaces whatever exists.
     *
     * @return the new record, or empty when the record changed meanwhile or no longer exists
     */
    Optional<Stored> replace(String key, Stored expected, String data, Instant expiry);

    /** Removes a record; a missing one is not an error. */
    void delete(String key);

    /**
     * Removes records expired at {@code now}.
     *
     * @return the count removed; 0 where the storage expires records by itself
     */
    long clearExpired(Instant now, LongConsumer progress);

    /** Live and expired record counts at {@code now}, where the storage can tell cheaply enough; else empty. */
    default Optional<SessionCounts> count(Instant now) {
        return java.util.Optional.empty();
    }

    /** False where the storage expires records by itself (cache TTLs). */
    default boolean clearsExpired() {
        return true;
    }

    @Override
    void close();

    /**
     * A stored record.
     *
     * @param data    the encoded session (Django's {@code session_data})
     * @param expiry  when the record stops being valid; null when the storage cannot tell without
     *                another round trip (caches read with a plain GET)
     * @param version what the engine compares in {@link #replace}. The built-in engines compare the
     *                encoded data itself (it carries its signing time, so equal data means an unchanged
     *                session) and need no extra column or field; {@code cached_db} relies on that.
     */
    record Stored(String data, Instant expiry, Object version) {
    }
}
