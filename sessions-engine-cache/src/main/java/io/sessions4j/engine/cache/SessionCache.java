package io.sessions4j.engine.cache;

import io.sessions4j.api.users.PrincipalIndex;
import io.sessions4j.spi.KeptSession;
import io.sessions4j.spi.StoredBytes;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The small cache interface the engine speaks; each backend (Ehcache, Redis) is an adapter behind
 * it. Values are opaque strings (the signed {@code session_data}); a value is its own version, so
 * compare-and-set compares values (a backend may compare what identifies a value, such as its length and
 * trailing signature, instead of its whole text).
 *
 * <p>Every time-to-live handed to a cache is positive: callers turn an expiry in the past into a
 * delete. Failures of the cache itself are thrown as {@link io.sessions4j.api.SessionStorageException}
 * naming the backend and where it is. Implementations are thread-safe.
 */
public interface SessionCache extends AutoCloseable {

    /** The live value of {@code key}, or empty when missing or expired. */
    Optional<String> get(String key);

    /**
     * The live value of {@code key} with, where this cache keeps one, the session kept beside exactly that value
     * ({@link #keep}): the kept one itself, read-only and shared by every read (see
     * {@link io.sessions4j.spi.SessionStorage.Stored#decoded()}); empty when missing or expired. Default: {@link #get}
     * with none.
     */
    default Optional<Entry> getEntry(String key) {
        return get(key).map(value -> new Entry(value, null));
    }

    /**
     * Keeps {@code kept} — what the store made of its verified decode of {@code value} — as it is, beside the entry of
     * {@code key}, only if that entry still holds exactly {@code value}, and only where entries never leave this
     * process (a heap). Default: nothing, which is right for every cache whose values travel (Redis).
     */
    default void keep(String key, String value, KeptSession kept) {
    }

    /**
     * Whether {@link #keep} may keep anything: only then does the store copy a decode for it, and a value read as bytes
     * get a String for it. Default: false, right for a cache whose values travel (Redis).
     */
    default boolean keepsDecoded() {
        return false;
    }

    /** Stores {@code value} only if {@code key} holds nothing; false when it does. */
    boolean add(String key, String value, Duration ttl);

    /** Stores {@code value} whatever {@code key} holds. */
    void set(String key, String value, Duration ttl);

    /**
     * Stores {@code value} only if {@code key} still holds {@code expected}; with a null
     * {@code expected}, only if {@code key} holds anything. Never creates a missing entry.
     *
     * @return whether the value was stored
     */
    boolean compareAndSet(String key, String expected, String value, Duration ttl);

    /** Removes {@code key}; a missing one is not an error. Returns whether a live value was removed. */
    boolean delete(String key);

    /** Whether {@code key} holds a live value. */
    boolean exists(String key);

    /**
     * The index of sessions by principal this cache keeps beside the sessions (issue #16); empty when it
     * keeps none.
     */
    default Optional<PrincipalIndex> principalIndex() {
        return Optional.empty();
    }

    /** Where the cache is, for messages: never holds credentials. */
    String location();

    @Override
    void close();

    /**
     * A live value.
     *
     * @param value   the stored string (the signed {@code session_data}); read through {@link #value()}, which makes it
     *                from {@code bytes} on first use when the entry was read as bytes
     * @param decoded the session kept beside exactly {@code value}, read-only, or null
     * @param bytes   the value as the bytes a cache whose values travel read it in (Redis's reply: UTF-8), which the
     *                engine's codec decodes without a String of them ({@link #ofBytes}); null when read as a String
     */
    record Entry(String value, KeptSession decoded, StoredBytes bytes) {

        /** A value read as a String. */
        public Entry(String value, KeptSession decoded) {
            this(value, decoded, null);
        }

        /** A value read as bytes, from outside the process: never with a decoded session beside it. */
        public static Entry ofBytes(StoredBytes bytes) {
            return new Entry(null, null, Objects.requireNonNull(bytes, "bytes"));
        }

        /** The stored string: the one given, or the one made (once) from {@link #bytes()}. */
        @Override
        public String value() {
            return value != null || bytes == null ? value : bytes.string();
        }

        /** Does not print the value: sessions hold secrets. */
        @Override
        public String toString() {
            return "Entry[" + (bytes != null ? bytes.length() + " bytes" : value.length() + " chars")
                    + (decoded == null ? "" : ", decoded") + "]";
        }
    }
}
