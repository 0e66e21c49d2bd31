package io.sessions4j.engine.signedcookie;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.engine.signedcookie.internal.CookieCodec;
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
 *   <li>A look-up hits only a value equal, character for character, to a kept one. It first compares a 32-bit
 *       fingerprint of the value's last characters with the kept entries' (all or nothing: a forger learns whether
 *       32 bits of a hash match, which says nothing about how close its signature is); then the last {@value #TAIL}
 *       characters (a signed cookie's signature, an encrypted cookie's tag) of both entries of the set, in constant
 *       time, so the time a forged value takes says nothing about how much of a valid signature it got right; the rest
 *       is compared only once those match.</li>
 *   <li>The store judges expiry of a hit by the end it recorded in the {@link KeptSession}: a function of the data
 *       alone, so the same verdict a fresh decode would give. Secrets are fixed for an engine's life: rotating them
 *       makes a new engine, and with it an empty memo.</li>
 *   <li>Bounded: {@code sessions.verified_records} entries (default 1,024, the memo of server-side records' setting;
 *       rounded up to a power of two, two-way set-associative: a set's older entry makes room; 12 bytes per entry
 *       reserved at construction, a reference and two fingerprints), each a value of at most
 *       {@value CookieCodec#MAX_VALUE_LENGTH} characters; compressed values are never kept (what they inflate to is
 *       bounded only by {@code sessions.signing.max_decompressed_bytes}), so a kept decode is of at most ~3 KB of
 *       JSON. A typical ~700-character cookie and its ~500-byte session take ~4 KB: ~4 MB for the default 1,024
 *       entries.</li>
 * </ul>
 *
 * <p>A value is kept when it is verified for the second time ({@link #seenBefore}), so a write's new cookie, which
 * most often comes back once and is then replaced, costs no copy of its session. (Keeping the session a write signed,
 * as the Ehcache heap does, was measured and not kept: in a CYCLE over 10,000 browsers with room for all of them, a
 * cookie whose entry another one evicted never comes back, and the copies and the memo's churn cost more than the
 * decodes they saved — issue #20.) Thread-safe without locks: entries are immutable and published through their
 * final fields; a racing reader sees an older entry or none, i.e. misses.
 */
final class VerifiedCookies {
    /** Characters at the end of a value compared in constant time: a signed cookie's signature. */
    static final int TAIL = 43;
    /** Fingerprints per set in {@link #prints}: its two entries', then two of values verified once. */
    private static final int PRINTS_PER_SET = 4;

    private final Entry[] entries;
    /**
     * Per set, side by side (16 bytes, one cache line for four sets): the fingerprints of its two entries (0: none)
     * and of the last two values of the set verified once ({@link #seenBefore}). A miss — every request after a
     * write sends a cookie never seen — reads this line only, never a kept entry or its characters: with a memo
     * sized to a node's sessions those are cold, and reading them cost 7 % of a write request's cycle (issue #20).
     */
    private final int[] prints;
    /** Slots - 1; slots are a power of two, 0 when the memo keeps nothing. */
    private final int mask;

    private record Entry(String value, KeptSession kept) {
    }

    /** A memo of about {@code entries} cookie values ({@code sessions.verified_records}; 0: none). */
    VerifiedCookies(int entries) {
        int slots = CoreSettings.verifiedRecordSlots(entries);
        this.entries = new Entry[slots];
        this.prints = new int[slots / 2 * PRINTS_PER_SET];
        this.mask = slots - 1;
    }

    /** The session kept for exactly {@code value}, or null. */
    KeptSession get(String value) {
        if (mask <= 0 || value.length() < TAIL) {
            return null;
        }
        long hash = hash(value);
        int set = set(hash);
        int print = print(hash);
        int at = printsOf(set);
        if (prints[at] != print && prints[at + 1] != print) {
            return null; // whether 32 bits of a hash of the value's end match tells a forger nothing a guess would not
        }
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
        if (!fits(value)) {
            return false;
        }
        long hash = hash(value);
        int print = print(hash);
        int at = printsOf(set(hash));
        if (prints[at + 2] == print || prints[at + 3] == print) {
            return true;
        }
        prints[at + 3] = prints[at + 2];
        prints[at + 2] = print;
        return false;
    }

    /** Keeps {@code kept} for {@code value}, which the store verified; the older entry of its set makes room. */
    void put(String value, KeptSession kept) {
        if (!fits(value)) {
            return;
        }
        long hash = hash(value);
        int set = set(hash);
        int at = printsOf(set);
        Entry first = entries[set];
        if (first != null && !first.value.equals(value)) {
            entries[set + 1] = first;
            prints[at + 1] = prints[at];
        }
        // A racing reader may pair a fingerprint with the other entry: the tail and equals checks then miss.
        entries[set] = new Entry(value, kept);
        prints[at] = print(hash);
    }

    /** A value this memo may hold: it is on, the value is a cookie's length and not compressed. */
    private boolean fits(String value) {
        return mask > 0 && value.length() >= TAIL && value.length() <= CookieCodec.MAX_VALUE_LENGTH
                && value.charAt(0) != '.';
    }

    /** The first slot of {@code hash}'s set (its low bits). */
    private int set(long hash) {
        return (int) hash & (mask - 1);
    }

    /** Where the fingerprints of the set whose first slot is {@code set} start in {@link #prints}: two slots per set. */
    private static int printsOf(int set) {
        return set / 2 * PRINTS_PER_SET;
    }

    /** The fingerprint of {@code hash} in {@link #prints} (its high bits, which the set does not use); never 0. */
    private static int print(long hash) {
        int print = (int) (hash >>> 32);
        return print == 0 ? 1 : print;
    }

    /**
     * A hash of the value's last characters: for a value we signed, random bits of its signature. A client can choose
     * values that share a set or a fingerprint; that costs it one constant-time comparison, and can evict entries no
     * faster than any other value that verifies.
     */
    private static long hash(String value) {
        long h = 0;
        int n = value.length();
        for (int i = n - 11; i < n; i++) {
            h = h * 0x100000001b3L ^ value.charAt(i);
        }
        h *= 0x9E3779B97F4A7C15L;
        return h ^ h >>> 29;
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
