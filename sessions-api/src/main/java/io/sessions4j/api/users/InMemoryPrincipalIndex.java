package io.sessions4j.api.users;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PrincipalIndex} in this JVM's memory: for storages that live in the process themselves
 * (Ehcache on the heap, test storages). Lost on restart, like the sessions it indexes.
 */
public final class InMemoryPrincipalIndex implements PrincipalIndex {
    private final ConcurrentHashMap<String, Set<String>> keysByPrincipal = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> principalByKey = new ConcurrentHashMap<>();

    @Override
    public void add(String principal, String key, Instant expiry) {
        String previous = principalByKey.put(key, principal);
        if (previous != null && !previous.equals(principal)) {
            dropFromPrincipal(previous, key);
        }
        keysByPrincipal.computeIfAbsent(principal, p -> ConcurrentHashMap.newKeySet()).add(key);
    }

    @Override
    public void remove(String principal, String key) {
        principalByKey.remove(key, principal);
        dropFromPrincipal(principal, key);
    }

    /** Forgets {@code key} whichever principal holds it: for storages told only the key of an ended entry. */
    public void removeKey(String key) {
        String principal = principalByKey.remove(key);
        if (principal != null) {
            dropFromPrincipal(principal, key);
        }
    }

    @Override
    public Set<String> keys(String principal) {
        Set<String> keys = keysByPrincipal.get(principal);
        return keys == null ? Set.of() : Set.copyOf(keys);
    }

    /** Principals with at least one entry. */
    public int principals() {
        return keysByPrincipal.size();
    }

    private void dropFromPrincipal(String principal, String key) {
        keysByPrincipal.computeIfPresent(principal, (p, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
        });
    }
}
