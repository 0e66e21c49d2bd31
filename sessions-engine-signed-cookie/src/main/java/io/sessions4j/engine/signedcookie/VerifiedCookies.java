package io.sessions4j.engine.signedcookie;

import io.sessions4j.spi.KeptSession;

/**
 * A small memo of cookie values this process verified, each with the session the store decoded from it
 * ({@link io.sessions4j.spi.SessionStorage#keep}): a browser sends the same cookie with every request until a write
 * changes it, and the same verified characters always decode to the same session, so a read-only request whose cookie
 * is here skips the signature check, base64 and the JSON parse (issue #20).
 *
 * <p>Why this is safe:
 * <ul>
 *   <li>Only the store puts anything here, after its codec verified the value (HMAC or AES-GCM) and it judged the
 *       session live; a client cannot insert anything it did not receive signed.</li>
 *   <li>A look-up hits only a value equal, character for character, to a kept one. The last {@value #TAIL}
 *       characters (a signed cookie's signature, an encrypted cookie's tag) are compared first and in constant time,
 *       so the time a forged value takes says nothing about how much of a valid signature it got right; the rest is
 *       compared only once those match.</li>
 *   <li>The store judges expiry of a hit by the end it recorded in the {@link KeptSession}: a function of the data
 *       alone, so the same verdict a fresh decode would give. Secrets are fixed for an engine's life: rotating them
 *       makes a new engine, and with it an empty memo.</li>
 *   <li>Bounded: {@value #SLOTS} entries (two-way set-associative: a set's older entry makes room), each a value of
 *       at most 4096 characters; compressed values are never kept (what they inflate to is bounded only by
 *       {@code sessions.signing.max_decompressed_bytes}), so a kept decode is of at most ~3 KB of JSON. A typical
 *       ~700-character cookie and its ~500-byte session take ~4 KB: ~4 MB when every entry is used.</li>
 * </ul>
 *
 * <p>A value is kept when it is verified for the second time ({@link #seenBefore}), so a write's new cookie, which
 * most often comes back once and is then replaced, costs no copy of its session. Thread-safe without locks: entries
 * are immutable and published through their final fields; a racing reader sees an older entry or none, i.e. misses.
 */
final class VerifiedCookies {
    /** Entries: a power of two. */
    static final int SLOTS = 1024;
    /** Characters at the end of a value compared in constant time: a signed cookie's signature. */
    static final int TAIL = 43;

    private final Entry[] entries = new Entry[SLOTS];
    /** Fingerprints of values verified once, direct-mapped: what {@link #seenBefore} remembers. */
    private final long[] seen = new long[SLOTS];

    private record Entry(String value, KeptSession kept) {
    }

    /** The session kept for exactly {@code value}, or null. */
    KeptSession get(String value) {
        if (value.length() < TAIL) {
            return null;
        }
        int set = set(fingerprint(value));
        // Both entries of the set are compared, each tail in full: the time spent is the same whichever matches.
        Entry first = entries[set];
        Entry second = entries[set + 1];
        boolean inFirst = first != null && sameTail(first.value, value);
        boolean inSecond = second != null && sameTail(second.value, value);
        if (inFirst && first.value.equals(value)) {
            return first.kept;
        }
        return inSecond && second.value.equals(value) ? second.kept : null;
    }

    /**
     * Whether the store should make a kept session of verified {@code value}: true when this value (by its
     * fingerprint) was verified before; otherwise remembers it and returns false. Compressed values: never.
     */
    boolean seenBefore(String value) {
        if (value.length() < TAIL || value.charAt(0) == '.') {
            return false;
        }
        long fingerprint = fingerprint(value);
        int at = (int) (fingerprint >>> 32) & (SLOTS - 1);
        if (seen[at] == fingerprint) {
            return true;
        }
        seen[at] = fingerprint;
        return false;
    }

    /** Keeps {@code kept} for {@code value}, which the store verified; the older entry of its set makes room. */
    void put(String value, KeptSession kept) {
        if (value.length() < TAIL || value.charAt(0) == '.') {
            return;
        }
        int set = set(fingerprint(value));
        Entry first = entries[set];
        if (first != null && !first.value.equals(value)) {
            entries[set + 1] = first;
        }
        entries[set] = new Entry(value, kept);
    }

    /** The first slot of {@code fingerprint}'s set. */
    private static int set(long fingerprint) {
        return (int) fingerprint & (SLOTS - 2);
    }

    /**
     * A hash of the value's last characters: for a value we signed, random bits of its signature. A client can choose
     * values that share a set or a fingerprint; that costs it one constant-time comparison, and can evict entries no
     * faster than any other value that verifies.
     */
    private static long fingerprint(String value) {
        long h = 0;
        int n = value.length();
        for (int i = n - 11; i < n; i++) {
            h = h * 0x100000001b3L ^ value.charAt(i);
        }
        h *= 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** Whether the last {@value #TAIL} characters of both are the same, in time that does not depend on where they differ. */
    private static boolean sameTail(String kept, String value) {
        int diff = 0;
        for (int i = 1; i <= TAIL; i++) {
            diff |= kept.charAt(kept.length() - i) ^ value.charAt(value.length() - i);
        }
        return diff == 0;
    }
}
