package io.sessions4j.api;

import io.sessions4j.spi.KeptSession;
import io.sessions4j.spi.SessionStorage.Stored;
import io.sessions4j.spi.StoredBytes;
import java.nio.charset.StandardCharsets;

/**
 * A small memo, per engine, of records of a server-side storage (a database, Redis, files) this process verified and
 * decoded, each with the session the store decoded from it ({@code sessions.verified_records}): a record read again
 * with exactly the same data skips the signature check, base64 and the JSON parse — a comparison of the data instead
 * (issue #20). It is what the in-process cache keeps beside its entries and the signed cookie beside cookies it verified,
 * for storages whose records come from outside the process.
 *
 * <p>Why this is safe:
 * <ul>
 *   <li>Every read still goes to the storage (one round trip, as before): the memo only replaces the decode of what the
 *       storage returned, and only when that is, byte for byte, data this process verified before. Another node, a
 *       Django app or a direct {@code UPDATE} that changed the record changed its data (it carries its signing time and
 *       signature), so the next read decodes it; a deleted or expired record is never looked up here at all.</li>
 *   <li>Only the store puts anything here, after its codec verified the record and it judged the session live, or the
 *       codec's copy of data a save has just written ({@link io.sessions4j.spi.SessionCodec#decodedCopy}). The store
 *       judges a hit's expiry from the record as read now (its expiry column, file time) and the data: the verdict a
 *       decode would give. Secrets are fixed for an engine's life: rotating them makes a new engine and an empty memo.</li>
 *   <li>Bounded: {@code entries} (at most 2<sup>20</sup>, rounded up to a power of two, two-way set-associative by
 *       session key, a set's older entry making room; 12 bytes per entry reserved at construction), each of data of at
 *       most {@value #MAX_DATA} characters, never compressed data: a typical ~700-character record and its ~500-byte
 *       session take ~4 KB, so the default 1,024 entries ~4 MB.</li>
 *   <li>A record is remembered when its key is read for the second time while still remembered as seen, and a save's
 *       new data only for a key whose record is held: sessions read once, or too rarely for the memo's size, cost no
 *       copy.</li>
 * </ul>
 * Thread-safe without locks: entries are immutable and published through their final fields; a racing reader sees an
 * older entry or none, that is, decodes.
 */
final class VerifiedRecords {
    /** Longest data kept: larger sessions are decoded on every read, as before. */
    static final int MAX_DATA = 4096;
    /** The memo that keeps nothing ({@code sessions.verified_records=0}, or storages that keep decodes themselves). */
    static final VerifiedRecords NONE = new VerifiedRecords(0);

    private final Entry[] entries;
    /** Fingerprints of keys read once, direct-mapped: what {@link #admits} remembers. */
    private final long[] seen;
    private final int mask;

    /** The data as the storage read it (a String, or {@link StoredBytes}), and the session decoded from it. */
    private record Entry(String key, Object data, KeptSession kept) {
    }

    /** A memo of about {@code entries} records (0: none). */
    VerifiedRecords(int entries) {
        int slots = CoreSettings.verifiedRecordSlots(entries);
        this.entries = new Entry[slots];
        this.seen = new long[slots];
        this.mask = slots - 1;
    }

    /** Whether this memo keeps anything at all. */
    boolean isOn() {
        return mask > 0;
    }

    /** The session decoded here from exactly {@code stored}'s data under its key, or null. */
    KeptSession recall(Stored stored) {
        if (mask <= 0) {
            return null;
        }
        Entry entry = find(stored.key());
        return entry != null && sameData(entry.data, stored) ? entry.kept : null;
    }

    /**
     * Whether the store should make a kept session of verified, live {@code stored} for {@link #remember}: true when
     * its key is held or was read before (by its fingerprint); otherwise notes the key and answers false.
     */
    boolean admits(Stored stored) {
        if (mask <= 0 || !fits(stored)) {
            return false;
        }
        String key = stored.key();
        if (find(key) != null) {
            return true;
        }
        long fingerprint = fingerprint(key);
        int at = (int) (fingerprint >>> 32) & mask;
        if (seen[at] == fingerprint) {
            return true;
        }
        seen[at] = fingerprint;
        return false;
    }

    /** Keeps {@code kept}, the store's verified decode of {@code stored}'s data. */
    void remember(Stored stored, KeptSession kept) {
        if (mask > 0 && fits(stored)) {
            put(new Entry(stored.key(), stored.bytes() != null ? stored.bytes() : stored.data(), kept));
        }
    }

    /** Whether a record of {@code key} is held: a save's new data is then worth {@link #rememberWritten}. */
    boolean holds(String key) {
        return mask > 0 && key != null && find(key) != null;
    }

    /**
     * Keeps {@code kept}, the codec's copy of the data a save has just written as {@code record}, if a record of its key
     * is held. The next read gets that data in the form the storage reads it in, as the held entry was read: bytes are
     * compared with bytes, text with text.
     */
    void rememberWritten(Stored record, KeptSession kept) {
        Entry held = mask > 0 ? find(record.key()) : null;
        if (held == null || !fits(record)) {
            return;
        }
        String data = record.data();
        Object form = held.data instanceof StoredBytes ? StoredBytes.of(data.getBytes(StandardCharsets.UTF_8)) : data;
        put(new Entry(record.key(), form, kept));
    }

    /** Drops what is held for {@code key} (its session was deleted here). */
    void forget(String key) {
        if (mask <= 0) {
            return;
        }
        int set = set(key);
        for (int i = set; i <= set + 1; i++) {
            Entry entry = entries[i];
            if (entry != null && entry.key.equals(key)) {
                entries[i] = null;
            }
        }
    }

    private Entry find(String key) {
        int set = set(key);
        Entry first = entries[set];
        if (first != null && first.key.equals(key)) {
            return first;
        }
        Entry second = entries[set + 1];
        return second != null && second.key.equals(key) ? second : null;
    }

    private void put(Entry entry) {
        int set = set(entry.key);
        Entry first = entries[set];
        Entry second = entries[set + 1];
        if (second != null && second.key.equals(entry.key)) {
            entries[set + 1] = first; // the key's older entry goes; the other stays
        } else if (first != null && !first.key.equals(entry.key)) {
            entries[set + 1] = first;
        }
        entries[set] = entry;
    }

    /** Data this memo may keep: short enough, and not compressed (what that inflates to is bounded only by a setting). */
    private static boolean fits(Stored stored) {
        StoredBytes bytes = stored.bytes();
        String text = bytes == null ? stored.data() : null;
        if (bytes == null && text == null) {
            return false;
        }
        return (bytes != null ? bytes.length() : text.length()) <= MAX_DATA && !stored.dataStartsWith('.');
    }

    /** Whether {@code stored}'s data is exactly {@code kept}, compared in the form the storage read it in. */
    private static boolean sameData(Object kept, Stored stored) {
        StoredBytes bytes = stored.bytes();
        if (bytes != null) {
            return kept instanceof StoredBytes keptBytes && keptBytes.sameBytes(bytes);
        }
        return kept instanceof String text && text.equals(stored.data());
    }

    /** The first slot of {@code key}'s set: session keys are random, so their String hash spreads them. */
    private int set(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (mask - 1);
    }

    private static long fingerprint(String key) {
        long h = key.hashCode() * 0x9E3779B97F4A7C15L + key.length();
        h ^= h >>> 29;
        return h == 0 ? 1 : h; // 0 marks an empty slot of seen
    }
}
