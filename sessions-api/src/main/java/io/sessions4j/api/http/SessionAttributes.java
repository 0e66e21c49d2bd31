package io.sessions4j.api.http;

import io.sessions4j.api.SessionStore;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A session as a framework's attribute map ({@code WebSession.getAttributes()}, a Vert.x session's data): values
 * go in with {@link SessionStore#putTyped} and come out with {@link SessionStore#getTyped}, so an allowlisted record
 * put on one request is the same type on the next (see {@code TypedValues}); the store's own bookkeeping keys
 * ({@link SessionStore#EXPIRY_KEY}, {@link SessionStore#CREATED_KEY}) are neither shown nor writable.
 *
 * <p>A live view: changes go to the store at once. Iteration works on a snapshot taken when it starts; removing
 * through an iterator or changing an entry's value is not supported (put again instead).
 */
public final class SessionAttributes extends AbstractMap<String, Object> {
    private static final Set<String> RESERVED = Set.of(SessionStore.EXPIRY_KEY, SessionStore.CREATED_KEY);

    private final SessionStore store;

    public SessionAttributes(SessionStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Whether {@code name} is the store's bookkeeping, not an attribute. */
    public static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }

    @Override
    public Object get(Object key) {
        return key instanceof String name && !isReserved(name) ? store.getTyped(name) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && !isReserved(name) && store.containsKey(name);
    }

    /**
     * @throws IllegalArgumentException for a bookkeeping key, or a value whose type is not allowlisted
     */
    @Override
    public Object put(String key, Object value) {
        if (isReserved(key)) {
            throw new IllegalArgumentException(key + " is kept by the session itself");
        }
        Object previous = get(key);
        if (value == null) {
            store.remove(key);
        } else {
            store.putTyped(key, value);
        }
        return previous;
    }

    @Override
    public Object remove(Object key) {
        if (!(key instanceof String name) || isReserved(name) || !store.containsKey(name)) {
            return null;
        }
        Object previous = get(name);
        store.remove(name);
        return previous;
    }

    @Override
    public void clear() {
        for (String key : Set.copyOf(store.keySet())) {
            if (!isReserved(key)) {
                store.remove(key);
            }
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Map<String, Object> snapshot = new LinkedHashMap<>();
                for (String key : store.keySet()) {
                    if (!isReserved(key)) {
                        snapshot.put(key, store.getTyped(key));
                    }
                }
                return snapshot.entrySet().stream()
                        .map(e -> (Entry<String, Object>) new SimpleImmutableEntry<>(e.getKey(), e.getValue())).iterator();
            }

            @Override
            public int size() {
                int size = 0;
                for (String key : store.keySet()) {
                    size += isReserved(key) ? 0 : 1;
                }
                return size;
            }
        };
    }
}
