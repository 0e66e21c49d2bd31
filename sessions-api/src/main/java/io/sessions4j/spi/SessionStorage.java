package io.sessions4j.spi;

import io.sessions4j.api.CreateException;
import io.sessions4j.api.SessionCounts;
import io.sessions4j.api.SessionKeys;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * What an engine implements: a thin, thread-safe adapter to its storage. Every session rule (flags,
 * expiry arithmetic, key checks, encoding, the merge-and-retry loop, what a deleted session means) lives
 * in {@link SessionStore}; a storage only reads and writes opaque encoded strings under keys (an in-process
 * storage may also keep what the store decoded from them: {@link #keep}).
 *
 * <p>Keys handed to a storage have passed {@link #isValidKey(String)}. Failures of the storage itself are
 * thrown as {@link SessionStorageException}.
 *
 * <p>A storage whose record <em>is</em> its key (the signed cookie: the cookie value holds the data) returns
 * records whose {@link Stored#key()} is the data; the store then simply takes the key it is given back.
 */
public interface SessionStorage extends AutoCloseable {

    /**
     * Whether a key sent by a client may be looked up at all. Cheap and stateless: anything else never
     * reaches storage (no path traversal, no oversized cache key). Default: {@link SessionKeys#isValid}.
     */
    default boolean isValidKey(String key) {
        return SessionKeys.isValid(key);
    }

    /**
     * The stored record, or empty when missing or, where the storage can tell, expired at {@code now}.
     * One round trip.
     */
    Optional<Stored> load(String key, Instant now);

    /**
     * Offered by the store once it verified and decoded {@code record} with its codec and judged it live: {@code kept}
     * is that decode, deep-copied and read-only, with the store's judgement of when the session ends. Also offered,
     * where {@link #keepsWritten} says so, with the record a save has just written: {@code kept} is then the codec's
     * {@link SessionCodec#decodedCopy decoded copy} of the data written, what a decode of that record gives. A
     * storage may keep it, as it is, beside exactly that record — the same {@link Stored#data() data} string, never a
     * later one — and hand it back with later {@link #load loads} whose data is that very string
     * ({@link Stored#decoded()}), so that reads skip the signature check, the parse, any copy and the expiry arithmetic. The rule is that a kept
     * decode only ever comes back with the data it was made from:
     * <ul>
     *   <li>an in-process cache's heap keeps it beside its own entry; records read back from anywhere that could hand
     *       back other data under the same key (a disk tier, a network cache, a database) come without it, so that
     *       they go through the codec again;</li>
     *   <li>a storage whose data arrives with the request (the signed cookie) may keep it under the whole data string
     *       it was offered with and hand it back only for a load whose data equals that string exactly: a client gets
     *       a kept decode only by sending, unchanged, a value this process verified — anything altered, forged or
     *       never verified here goes through the codec.</li>
     * </ul>
     * The default keeps nothing.
     */
    default void keep(Stored record, KeptSession kept) {
    }

    /**
     * Whether {@link #keep} may keep anything: the store makes a {@link KeptSession} (a deep copy of the decode) only
     * for a storage that says so. The default, false, goes with the default {@link #keep}.
     */
    default boolean keepsDecoded() {
        return false;
    }

    /**
     * Whether the store should offer {@link #keep} this verified, live {@code record}: it makes the
     * {@link KeptSession}, a deep copy of the decode, only then. A storage that keeps only records it expects to be
     * loaded again (the signed cookie keeps a cookie seen twice, not the one-off value of every write) says so here.
     * The default: {@link #keepsDecoded()}.
     */
    default boolean keepsDecoded(Stored record) {
        return keepsDecoded();
    }

    /**
     * Whether the store should offer {@link #keep} the {@code record} a save has just written (returned by
     * {@link #create} or {@link #replace}), with a {@link KeptSession} made from the data it wrote
     * ({@link SessionCodec#decodedCopy}): the next load of that record then skips the decode — for an in-process cache,
     * whose entry holds the kept session as long as it holds the record, the next read of the session. Only for a
     * storage whose loads carry neither an expiry nor a modification time ({@link Stored#expiry()},
     * {@link Stored#modified()} null), whose sessions therefore end by their data and signing time alone: the kept
     * session's end is judged that way. The default: false.
     */
    default boolean keepsWritten(Stored record) {
        return false;
    }

    /** Whether a live record exists at {@code now}. */
    boolean exists(String key, Instant now);

    /**
     * Inserts a new record.
     *
     * @param expiry when the record stops being valid (the store's judgement), for storages that keep it
     * @return the record as stored
     * @throws CreateException if the key is already taken
     */
    Stored create(String key, String data, Instant expiry);

    /**
     * Compare-and-set: replaces the record only if its data is still {@code expected.data()}. A null
     * {@code expected} replaces whatever exists, but never brings back a missing record.
     *
     * @return the new record, or empty when the record changed meanwhile or no longer exists
     */
    Optional<Stored> replace(String key, Stored expected, String data, Instant expiry);

    /**
     * Removes a record.
     *
     * @return false only when the storage knows there was no live record under {@code key} (deleted or
     *         expired meanwhile); a storage that cannot tell returns true
     */
    boolean delete(String key);

    /**
     * Removes records expired at {@code now}.
     *
     * @param progress told the running count of removed records as work proceeds
     * @return the count removed; 0 where the storage expires records by itself
     */
    long clearExpired(Instant now, LongConsumer progress);

    /** Live and expired record counts at {@code now}, where the storage can tell cheaply enough; else empty. */
    default Optional<SessionCounts> count(Instant now) {
        return Optional.empty();
    }

    /** False where the storage expires records by itself (cache TTLs, signed cookies): nothing to clear. */
    default boolean needsClearExpired() {
        return true;
    }

    @Override
    void close();

    /**
     * A stored record.
     *
     * <p>A final class with a record's API rather than a record: the data is held in one field, as the String it was
     * read or written as or as the bytes a storage read ({@link #ofBytes}), so that a record read as bytes costs no
     * more than one read as a String (issue #20: this object is made on every read, and a field more would have made
     * it 8 bytes larger for every engine).
     */
    final class Stored {
        private final String key;
        /** The data: a String, or a {@link StoredBytes} for a record made with {@link #ofBytes}. */
        private final Object data;
        private final Instant expiry;
        private final Instant modified;
        private final KeptSession decoded;

        /**
         * @param key      the key it is stored under (for a signed cookie: the cookie value, i.e. the data)
         * @param data     the encoded session (Django's {@code session_data}); compare-and-set compares it — it
         *                 carries its signing time, so equal data means an unchanged session
         * @param expiry   when the record stops being valid, or null when the storage cannot tell without decoding
         *                 the data (files, caches read with a plain GET, cookies): the store then judges expiry from
         *                 the last modification and the data's {@code _session_expiry}, as Django does for files
         * @param modified the record's last modification where the storage keeps one apart from the data (a
         *                 file's modification time, which Django's file backend judges by); null = the data's
         *                 signing time
         * @param decoded  what the store made of exactly {@code data} when it last offered it ({@link SessionStorage#keep}):
         *                 read-only and shared by every reader; the store copies the top-level map on its first change
         *                 and each nested map or list before it hands it out, so readers stay isolated. Null when the
         *                 storage keeps none. The store then uses it instead of decoding {@code data}, and judges expiry by
         *                 the end it recorded there, so it may come only with exactly the data it was made from (see
         *                 {@link SessionStorage#keep}): whatever else came from outside, or failed the codec, must come
         *                 without it
         */
        public Stored(String key, String data, Instant expiry, Instant modified, KeptSession decoded) {
            this(key, (Object) data, expiry, modified, decoded);
        }

        /** A record whose last modification is its data's signing time. */
        public Stored(String key, String data, Instant expiry) {
            this(key, data, expiry, null, null);
        }

        /** A record with no decoded data kept beside it. */
        public Stored(String key, String data, Instant expiry, Instant modified) {
            this(key, data, expiry, modified, null);
        }

        private Stored(String key, Object data, Instant expiry, Instant modified, KeptSession decoded) {
            this.key = key;
            this.data = data;
            this.expiry = expiry;
            this.modified = modified;
            this.decoded = decoded;
        }

        /**
         * A record whose data the storage read as bytes (a database driver's row value, a Redis reply): the store
         * decodes them without a String of the data ({@link SessionCodec#decode(StoredBytes, Instant)}), which is made
         * only if something asks for {@link #data()} (a save's compare-and-set). For data from outside the process, so
         * never with decoded data kept beside it.
         *
         * @param expiry as in {@link #Stored(String, String, Instant, Instant, KeptSession)}; null when the
         *               storage cannot tell
         */
        public static Stored ofBytes(String key, StoredBytes bytes, Instant expiry) {
            return new Stored(key, (Object) Objects.requireNonNull(bytes, "bytes"), expiry, null, null);
        }

        /** The key it is stored under. */
        public String key() {
            return key;
        }

        /** The encoded session: the String given, or the one made (once) from {@link #bytes()}. */
        public String data() {
            return data instanceof StoredBytes bytes ? bytes.string() : (String) data;
        }

        /** The data as the bytes the storage read ({@link #ofBytes}), for the codec; null when read as a String. */
        public StoredBytes bytes() {
            return data instanceof StoredBytes bytes ? bytes : null;
        }

        /**
         * Whether the data begins with the ASCII character {@code c} — a format's marker, e.g. Django's {@code .} of
         * compressed data — looked at without making a String of data read as bytes. False for no data.
         */
        public boolean dataStartsWith(char c) {
            if (data instanceof StoredBytes bytes) {
                return bytes.length() > 0 && bytes.array()[0] == c;
            }
            return data instanceof String text && !text.isEmpty() && text.charAt(0) == c;
        }

        /** When the record stops being valid, or null; see the constructor. */
        public Instant expiry() {
            return expiry;
        }

        /** The record's last modification where the storage keeps one apart from the data, or null. */
        public Instant modified() {
            return modified;
        }

        /** The store's decode of exactly this data, kept by the storage, or null; see the constructor. */
        public KeptSession decoded() {
            return decoded;
        }

        /** Records are equal by their components, the data by its text whichever form it was read in. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Stored other && Objects.equals(key, other.key) && Objects.equals(data(), other.data())
                    && Objects.equals(expiry, other.expiry) && Objects.equals(modified, other.modified)
                    && Objects.equals(decoded, other.decoded);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, data(), expiry, modified, decoded);
        }

        /** Does not print the data or the decoded session: sessions hold secrets. */
        @Override
        public String toString() {
            String size = data instanceof StoredBytes bytes ? bytes.length() + " bytes"
                    : (data == null ? 0 : ((String) data).length()) + " chars";
            return "Stored[key=" + io.sessions4j.api.LogSafe.key(key) + ", " + size + ", expiry=" + expiry
                    + ", modified=" + modified + (decoded == null ? "" : ", decoded") + "]";
        }
    }
}
