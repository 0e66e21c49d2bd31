package io.sessions4j.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A JSON object as {@link JsonSessionSerializer} decodes it: a mutable map in insertion order, exactly as a
 * {@link LinkedHashMap} behaves (a Python dict's order: putting an existing key keeps its place, removing and
 * putting again moves it to the end; null keys and values allowed), but with its keys and values in one array.
 *
 * <p>Why not a {@code LinkedHashMap}: a session's objects are small (a cart line, a flash message, the session
 * itself with ten or twenty keys), and a {@code LinkedHashMap} spends a 40-byte entry per key plus its table on them
 * — about a third of what a read of a typical session allocated (issue #20). Here a map of n entries is one object
 * and one array of 2n slots. Lookups scan the keys, comparing by identity first (names read from JSON are interned
 * by Jackson, as are the string literals code looks them up with); past {@value #LINEAR_MAX} entries the map moves
 * its entries into a {@code LinkedHashMap} it keeps inside, so a large object costs a hash lookup, not a scan.
 *
 * <p>Not thread-safe, like {@code LinkedHashMap}; iterators fail fast on a change made other than through them.
 * Serializable as the {@code LinkedHashMap} of the same entries.
 */
public final class JsonObjectMap extends AbstractMap<String, Object> implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Entries kept in the array; one more and they move to a LinkedHashMap. */
    static final int LINEAR_MAX = 16;
    private static final Object[] EMPTY = {};

    /** key0, value0, key1, value1, ...; {@code 2 * size} slots used. Unused once {@link #large} is set. */
    private transient Object[] slots;
    private transient int size;
    private transient int modCount;
    /** All entries once the map has outgrown {@link #LINEAR_MAX}; null until then. */
    private transient LinkedHashMap<String, Object> large;
    private transient Set<Entry<String, Object>> entrySet;

    /** An empty map with room for {@code expected} entries before its array grows. */
    public JsonObjectMap(int expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected < 0: " + expected);
        }
        slots = expected == 0 ? EMPTY : new Object[2 * Math.min(expected, LINEAR_MAX)];
    }

    /** An empty map. */
    public JsonObjectMap() {
        this(0);
    }

    @Override
    public int size() {
        return large != null ? large.size() : size;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return large != null ? large.containsKey(key) : indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        if (large != null) {
            return large.get(key);
        }
        int i = indexOf(key);
        return i >= 0 ? slots[i + 1] : null;
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        if (large != null) {
            return large.getOrDefault(key, defaultValue);
        }
        int i = indexOf(key);
        return i >= 0 ? slots[i + 1] : defaultValue;
    }

    @Override
    public Object put(String key, Object value) {
        if (large != null) {
            return large.put(key, value);
        }
        int i = indexOf(key);
        if (i >= 0) {
            Object old = slots[i + 1];
            slots[i + 1] = value;
            return old; // an existing key keeps its place, as in LinkedHashMap and Python
        }
        append(key, value);
        return null;
    }

    /** Adds a key known to be absent at the end (or moves all entries to a LinkedHashMap when the array is full). */
    private void append(String key, Object value) {
        modCount++;
        if (size == LINEAR_MAX) {
            large = new LinkedHashMap<>(2 * LINEAR_MAX + 2);
            @SuppressWarnings({"unchecked", "rawtypes"}) // the keys as they were put, as LinkedHashMap would hold them
            Map<Object, Object> raw = (Map) large;
            for (int k = 0; k < 2 * size; k += 2) {
                raw.put(slots[k], slots[k + 1]);
            }
            slots = EMPTY;
            size = 0;
            large.put(key, value);
            return;
        }
        if (2 * size == slots.length) {
            slots = Arrays.copyOf(slots, Math.max(8, Math.min(2 * LINEAR_MAX, 2 * slots.length)));
        }
        slots[2 * size] = key;
        slots[2 * size + 1] = value;
        size++;
    }

    /**
     * {@link #put} of a name just read by Jackson, which interns names: a repeated name is the very same String,
     * so identity alone finds it. The decoder puts every name of every object here, and most are new: {@code put}
     * would compare each with every earlier key twice (identity, then equals) to learn that.
     */
    void putParsed(String key, Object value) {
        if (large != null) {
            large.put(key, value);
            return;
        }
        Object[] s = slots;
        int end = 2 * size;
        for (int i = 0; i < end; i += 2) {
            if (s[i] == key) {
                s[i + 1] = value; // the last value in the first place, as Python's dict
                return;
            }
        }
        append(key, value);
    }

    /**
     * How many entries {@link #keyAt}/{@link #valueAt} reach, or -1 once the map has moved to a LinkedHashMap
     * (then iterate it as any map). Lets the encoder walk the entries without an entry or a lambda per object.
     */
    int arraySize() {
        return large != null ? -1 : size;
    }

    /** The key of entry {@code i}, {@code 0 <= i < arraySize()}. */
    Object keyAt(int i) {
        return slots[2 * i];
    }

    /** The value of entry {@code i}, {@code 0 <= i < arraySize()}. */
    Object valueAt(int i) {
        return slots[2 * i + 1];
    }

    @Override
    public Object remove(Object key) {
        if (large != null) {
            return large.remove(key);
        }
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        Object old = slots[i + 1];
        removeAt(i);
        return old;
    }

    @Override
    public void clear() {
        if (large != null) {
            large.clear();
            return;
        }
        if (size > 0) {
            modCount++;
            Arrays.fill(slots, 0, 2 * size, null);
            size = 0;
        }
    }

    /** In insertion order, without an entry object per mapping. */
    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        if (large != null) {
            large.forEach(action);
            return;
        }
        @SuppressWarnings("unchecked") // keys are Strings unless raw-typed code put others: handed on as they are
        BiConsumer<Object, Object> raw = (BiConsumer<Object, Object>) (BiConsumer<?, ?>) action;
        int expected = modCount;
        for (int i = 0; i < 2 * size; i += 2) {
            raw.accept(slots[i], slots[i + 1]);
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
        }
    }

    /** Whether every key is a String (only raw-typed code can put another), checked without iterating entries. */
    boolean hasStringKeys() {
        if (large != null) {
            return large.keySet().stream().allMatch(k -> k instanceof String);
        }
        for (int i = 0; i < 2 * size; i += 2) {
            if (!(slots[i] instanceof String)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<Entry<String, Object>> set = entrySet;
        if (set == null) {
            set = new EntrySet();
            entrySet = set;
        }
        return set;
    }

    /** The slot of {@code key}'s key, or -1. */
    private int indexOf(Object key) {
        Object[] s = slots;
        int end = 2 * size;
        for (int i = 0; i < end; i += 2) { // identity first: interned names from JSON and literals
            if (s[i] == key) {
                return i;
            }
        }
        if (key == null) {
            return -1;
        }
        for (int i = 0; i < end; i += 2) {
            if (key.equals(s[i])) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int i) {
        modCount++;
        int end = 2 * size;
        System.arraycopy(slots, i + 2, slots, i, end - i - 2);
        slots[end - 2] = null;
        slots[end - 1] = null;
        size--;
    }

    /** The entries through the backing store; iterators remove through it and fail fast like LinkedHashMap's. */
    private final class EntrySet extends AbstractSet<Entry<String, Object>> {
        @Override
        public int size() {
            return JsonObjectMap.this.size();
        }

        @Override
        public void clear() {
            JsonObjectMap.this.clear();
        }

        @Override
        public Iterator<Entry<String, Object>> iterator() {
            return large != null ? large.entrySet().iterator() : new EntryIterator();
        }
    }

    private final class EntryIterator implements Iterator<Entry<String, Object>> {
        /** Slot of the next entry. */
        private int next;
        /** Slot of the entry last returned, or -1. */
        private int last = -1;
        private int expected = modCount;

        @Override
        public boolean hasNext() {
            return next < 2 * size;
        }

        @Override
        public Entry<String, Object> next() {
            check();
            if (next >= 2 * size) {
                throw new NoSuchElementException();
            }
            last = next;
            next += 2;
            return new SlotEntry(last);
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException();
            }
            check();
            removeAt(last);
            next = last;
            last = -1;
            expected = modCount;
        }

        private void check() {
            if (modCount != expected || large != null) {
                throw new ConcurrentModificationException();
            }
        }
    }

    /** An entry that reads and writes its slot; valid until the map changes structurally (as LinkedHashMap's are). */
    private final class SlotEntry implements Entry<String, Object> {
        private final int slot;
        private final Object key;

        SlotEntry(int slot) {
            this.slot = slot;
            this.key = slots[slot];
        }

        @Override
        public String getKey() {
            return (String) key;
        }

        @Override
        public Object getValue() {
            return current() ? slots[slot + 1] : get(key);
        }

        @Override
        public Object setValue(Object value) {
            if (!current()) {
                throw new ConcurrentModificationException();
            }
            Object old = slots[slot + 1];
            slots[slot + 1] = value;
            return old;
        }

        /** Whether the slot still holds this entry's key (no removal before it since). */
        private boolean current() {
            return large == null && slot < 2 * size && slots[slot] == key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry<?, ?> e && Objects.equals(key, e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(key) ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }

    /** Serialized as a LinkedHashMap of the same entries: no class of ours in the stream. */
    @Serial
    private Object writeReplace() {
        return new LinkedHashMap<>(this);
    }
}
