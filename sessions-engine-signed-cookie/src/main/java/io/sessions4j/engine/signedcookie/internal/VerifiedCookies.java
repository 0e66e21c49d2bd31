package io.sessions4j.engine.signedcookie.internal;

import io.sessions4j.spi.DecodedCopy;
import io.sessions4j.spi.SessionCodec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cookie values this engine verified and decoded, with what they decoded to, so that a client sending the same
 * cookie again (every read-only request does) skips the signature check, the base64 and the JSON parse: on a
 * read-only request behind the filter those were most of the session's own cost.
 *
 * <p>Why that is as safe as verifying again:
 * <ul>
 *   <li>Only values the store decoded with the engine's codec <em>and</em> judged live are kept
 *       ({@code SessionStorage.decoded}); a tampered, foreign, refused or unreadable value never is.</li>
 *   <li>A value is found only by the whole cookie value, compared in constant time (its length aside, which the
 *       client knows); the hash reads only the value's MAC tail: how long a lookup takes tells a client at most
 *       whether some kept value shares a hash bucket, nothing about its characters.</li>
 *   <li>Decoding is a function of the value and the engine's secrets alone (no max age is judged in the codec),
 *       and the secrets are fixed for the engine's life: a new secret means a new engine, hence an empty cache,
 *       so a value verified only by a dropped secret is never found.</li>
 *   <li>Expiry is still judged on every request: the store runs every rule (expiry from the signing time,
 *       {@code _session_expiry}, {@code sessions.max_lifetime}) on what is handed out, as on a fresh decode.</li>
 *   <li>What is kept is a read-only deep copy ({@link DecodedCopy}) of the store's decode; requests share it, and
 *       the store copies the top-level map on a request's first change and each nested map or list before the
 *       application sees it, as for any storage's kept decode.</li>
 * </ul>
 *
 * <p>Bounded: at its capacity it starts over empty — simple, and an attacker holding many valid
 * cookies can only make it miss, never grow. Thread-safe.
 */
public final class VerifiedCookies {
    /** Values kept at most by default ({@code sessions.signed_cookies.verified_values}): a few MB for sessions of a few KB. */
    public static final int DEFAULT_CAPACITY = 1024;

    private final int capacity;
    private final Map<Value, SessionCodec.Decoded> kept = new ConcurrentHashMap<>();

    public VerifiedCookies() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity values kept at most; 0 keeps none (every read verifies and parses) */
    public VerifiedCookies(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * What {@code cookie} decoded to when it was kept, or null when it is not kept: the kept map itself, read-only
     * and shared by every request sending this value ({@code SessionStorage.Stored#decoded()}: the store copies the
     * top-level map on a request's first change and a nested map or list before handing it out).
     */
    public SessionCodec.Decoded get(String cookie) {
        return capacity == 0 ? null : kept.get(new Value(cookie));
    }

    /**
     * Keeps a deep copy of {@code decoded} (the store goes on to change the map it passes), which the caller states the engine's codec decoded from exactly
     * {@code cookie} and found live. Data a deep copy cannot prove immutable is not kept.
     */
    public void keep(String cookie, SessionCodec.Decoded decoded) {
        if (capacity == 0) {
            return;
        }
        Map<String, Object> copy = DecodedCopy.of(decoded.data());
        if (copy == null) {
            return;
        }
        if (kept.size() >= capacity) {
            kept.clear();
        }
        // Read-only: a copy the store forgot to make would throw instead of changing another request's session.
        kept.put(new Value(cookie), new SessionCodec.Decoded(Collections.unmodifiableMap(copy), decoded.signedAt()));
    }

    /** How many values are kept now. */
    public int size() {
        return kept.size();
    }

    /** Bytes of a value's end that its hash reads. */
    private static final int HASHED_TAIL = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A cookie value as a map key whose equality takes the same time wherever two values of a length differ. Held
     * as UTF-8 (a copy for the ASCII of every well-formed cookie, and one-to-one for any string), compared eight
     * bytes at a time: a character-by-character comparison of a ~700-character cookie was the largest cost of a
     * lookup.
     */
    private static final class Value {
        private final byte[] bytes;
        private final int hash;

        Value(String cookie) {
            this.bytes = cookie.getBytes(StandardCharsets.UTF_8);
            this.hash = tailHash(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Value other && constantTimeEquals(bytes, other.bytes);
        }

        /**
         * The last bytes only: they are the MAC (or the GCM tag), as good as random, while a hash over a whole
         * ~700-character cookie cost about as much as the lookup saves. A client can copy a kept value's tail to
         * land in its bucket, and learns nothing there: the values are compared whole, in constant time.
         */
        @Override
        public int hashCode() {
            return hash;
        }

        /** Does not print the value: it is the session. */
        @Override
        public String toString() {
            return "Value[" + bytes.length + " bytes]";
        }

        private static int tailHash(byte[] bytes) {
            int h = 0;
            for (int i = Math.max(0, bytes.length - HASHED_TAIL); i < bytes.length; i++) {
                h = 31 * h + bytes[i];
            }
            return h;
        }
    }

    static boolean constantTimeEquals(String a, String b) {
        return constantTimeEquals(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code a} and {@code b} are equal, in a time that depends on their lengths only. */
    static boolean constantTimeEquals(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return false;
        }
        long diff = 0;
        int i = 0;
        for (; i + Long.BYTES <= a.length; i += Long.BYTES) {
            diff |= (long) LONGS.get(a, i) ^ (long) LONGS.get(b, i);
        }
        for (; i < a.length; i++) {
            diff |= a[i] ^ b[i];
        }
        return diff == 0;
    }
}
