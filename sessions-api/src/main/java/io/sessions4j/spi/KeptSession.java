package io.sessions4j.spi;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A session as an in-process storage keeps it beside one record ({@link SessionStorage#keep}): what the store's
 * codec verified and decoded from exactly that record's data, deep-copied ({@link DecodedCopy}) and read-only — or,
 * for the record a save has just written, the codec's copy of the data it wrote as a decode would give it
 * ({@link SessionCodec#decodedCopy}) — with the store's judgement of when the session ends. Only
 * {@link io.sessions4j.api.SessionStore} makes these; a storage keeps one as it is and hands it back with later loads
 * of the same record ({@link SessionStorage.Stored#decoded()}), shared by every reader.
 *
 * <p>Built for the read of an unchanged session, whose whole cost is memory latency (issue #20): the map is one
 * open-addressed array of keys and values, so a look-up touches this object and one slot of that array, never the
 * value itself; which values are maps or lists (copied before the store hands them out) is recorded here rather than
 * found by looking at each value; and the end of the session is two numbers, so judging expiry on a read is one
 * comparison. Iteration follows the decoded map's order.
 *
 * <p>Every mutator throws {@link UnsupportedOperationException}. The nested maps and lists are the plain
 * {@link java.util.LinkedHashMap}/{@link java.util.ArrayList} a decode gives: never hand them out, copy them
 * ({@link DecodedCopy#copy}).
 */
public final class KeptSession extends AbstractMap<String, Object> {
    /** Keys at even indices, their values right after; a null key is an empty slot. Length: twice the slot count. */
    private final Object[] table;
    /** The slots in the decoded map's order (iteration only). */
    private final int[] order;
    /** Bit {@code s}: slot {@code s} holds a map or list (slots from 64 on are judged by their value's type). */
    private final long containers;
    private final Instant signedAt;
    private final long endSecond;
    private final int endNano;
    private final Object judge;

    private KeptSession(Object[] table, int[] order, long containers, Instant signedAt, Instant end, Object judge) {
        this.table = table;
        this.order = order;
        this.containers = containers;
        this.signedAt = signedAt;
        this.endSecond = end.getEpochSecond();
        this.endNano = end.getNano();
        this.judge = judge;
    }

    /**
     * A deep, read-only copy of {@code data}, or null when it holds a value {@link DecodedCopy} cannot copy
     * faithfully (or a null key): such data is not kept, and every read decodes it again.
     *
     * @param data     what the codec decoded (a {@link java.util.LinkedHashMap}; left unchanged)
     * @param signedAt its signing time
     * @param end      the store's judgement: the session is live strictly before this instant, and no later
     * @param judge    who judged {@code end} (the store's per-engine context): {@link #endsAfter} answers only to it
     */
    public static KeptSession of(Map<String, Object> data, Instant signedAt, Instant end, Object judge) {
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(judge, "judge");
        Map<String, Object> copy = DecodedCopy.of(data);
        return copy == null ? null : ofCopy(copy, signedAt, end, judge);
    }

    /**
     * {@link #of} of a copy made for it alone, taken over as it is: a {@link SessionCodec#decodedCopy decoded copy}
     * of the data a save just wrote, which nobody else holds. Its maps and lists must be the classes
     * {@link DecodedCopy} copies; null when it has a null key.
     */
    public static KeptSession ofCopy(Map<String, Object> copy, Instant signedAt, Instant end, Object judge) {
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(judge, "judge");
        // Filled to at most three quarters: linear probes stay short, and a small session's table spans two cache lines.
        int slots = Integer.highestOneBit(copy.size() + copy.size() / 3 + 1) << 1;
        Object[] table = new Object[slots * 2];
        int[] order = new int[copy.size()];
        long containers = 0;
        int next = 0;
        for (Map.Entry<String, Object> e : copy.entrySet()) {
            String key = e.getKey();
            if (key == null) {
                return null;
            }
            int slot = home(key, slots);
            while (table[slot * 2] != null) {
                slot = (slot + 1) & (slots - 1);
            }
            table[slot * 2] = key;
            table[slot * 2 + 1] = e.getValue();
            if (slot < Long.SIZE && DecodedCopy.isContainer(e.getValue())) {
                containers |= 1L << slot;
            }
            order[next++] = slot;
        }
        return new KeptSession(table, order, containers, signedAt, end, judge);
    }

    private static int home(Object key, int slots) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (slots - 1);
    }

    /** The slot holding {@code key}, or -1. */
    public int slotOf(Object key) {
        if (!(key instanceof String)) {
            return -1;
        }
        int slots = table.length >> 1;
        int slot = home(key, slots);
        for (int probes = 0; probes < slots; probes++) {
            Object k = table[slot * 2];
            if (k == null) {
                return -1;
            }
            if (k == key || k.equals(key)) {
                return slot;
            }
            slot = (slot + 1) & (slots - 1);
        }
        return -1;
    }

    /** The value in {@code slot} (from {@link #slotOf}). */
    public Object valueAt(int slot) {
        return table[slot * 2 + 1];
    }

    /** Whether the value in {@code slot} is a map or a list: one the store must copy before handing it out. */
    public boolean isContainerAt(int slot) {
        return slot < Long.SIZE ? (containers & (1L << slot)) != 0 : DecodedCopy.isContainer(valueAt(slot));
    }

    /** This, as the session's data (read-only): the counterpart of {@link SessionCodec.Decoded#data()}. */
    public Map<String, Object> data() {
        return this;
    }

    /** When the data was signed: the session's last modification. */
    public Instant signedAt() {
        return signedAt;
    }

    /** The end the store judged ({@link #of}). */
    public Instant end() {
        return Instant.ofEpochSecond(endSecond, endNano);
    }

    /** Whether {@code judge} judged this session's end: only then does {@link #endsAfter} answer for it. */
    public boolean judgedBy(Object judge) {
        return this.judge == judge;
    }

    /** Whether the session is still live at {@code now}, by the end its judge set. */
    public boolean endsAfter(Instant now) {
        long second = now.getEpochSecond();
        return second < endSecond || second == endSecond && now.getNano() < endNano;
    }

    // --- Map, read-only -------------------------------------------------------------------------------

    @Override
    public Object get(Object key) {
        int slot = slotOf(key);
        return slot < 0 ? null : valueAt(slot);
    }

    @Override
    public boolean containsKey(Object key) {
        return slotOf(key) >= 0;
    }

    @Override
    public int size() {
        return order.length;
    }

    @Override
    public boolean isEmpty() {
        return order.length == 0;
    }

    @Override
    public Object put(String key, Object value) {
        throw readOnly();
    }

    @Override
    public Object remove(Object key) {
        throw readOnly();
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        throw readOnly();
    }

    @Override
    public void clear() {
        throw readOnly();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        throw readOnly();
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < order.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= order.length) {
                            throw new NoSuchElementException();
                        }
                        int slot = order[next++];
                        return new SimpleImmutableEntry<>((String) table[slot * 2], table[slot * 2 + 1]);
                    }
                };
            }

            @Override
            public int size() {
                return order.length;
            }
        };
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a kept session is read-only: the store copies it before changing it");
    }

    /** Does not print data: sessions hold secrets. */
    @Override
    public String toString() {
        return "KeptSession[" + order.length + " keys, signed at " + signedAt + "]";
    }
}
