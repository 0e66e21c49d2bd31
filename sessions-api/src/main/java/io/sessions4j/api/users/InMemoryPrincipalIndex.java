package io.sessions4j.api.users;

import java.time.Instant;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * A {@link PrincipalIndex} in this JVM's memory: for storages that live in the process themselves
 * (Ehcache on the heap, test storages). Lost on restart, like the sessions it indexes.
 *
 * <p>Built with a test of whether a key is still stored, the index also forgets sessions the storage dropped by
 * itself (expiry, eviction) without being told: each {@link #add} looks at the {@value #SWEEP_PER_ADD} oldest
 * entries it has not looked at lately and drops those whose key is gone (a live one goes to the back of the
 * line), and {@link #clearStale} looks at all of them. With stale entries half of those looked at, an add removes
 * as many as it brings, so the index holds at most about twice the sessions the storage can hold, and costs
 * nothing on requests that do not bind a principal. Nothing here is ever dropped on a guess: only a key the
 * storage no longer has.
 */
public final class InMemoryPrincipalIndex implements PrincipalIndex {
    /** Entries an {@link #add} looks at: two, so that sweeping outpaces adding once half are stale. */
    static final int SWEEP_PER_ADD = 2;

    private final ConcurrentHashMap<String, Set<String>> keysByPrincipal = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> principalByKey = new ConcurrentHashMap<>();
    private final Predicate<String> stored;
    /** Keys in the order they were added or last found live; may hold keys removed since (skipped). */
    private final Queue<String> sweepOrder = new ConcurrentLinkedQueue<>();
    /**
     * The keys in {@link #sweepOrder}, each once: a key removed and added again (a principal changing on the same
     * session) must not gain a second place in line, or live keys' places would pile up without bound.
     */
    private final Set<String> inLine = ConcurrentHashMap.newKeySet();

    /** An index of a storage that tells it of every session that ends ({@link #remove}, {@link #removeKey}). */
    public InMemoryPrincipalIndex() {
        this.stored = null;
    }

    /**
     * An index of a storage that also drops sessions by itself (a bounded, expiring cache).
     *
     * @param stored whether the storage still holds a key; must not block for long (it runs inside {@link #add})
     */
    public InMemoryPrincipalIndex(Predicate<String> stored) {
        this.stored = Objects.requireNonNull(stored, "stored");
    }

    @Override
    public void add(String principal, String key, Instant expiry) {
        String previous = principalByKey.put(key, principal);
        if (previous != null && !previous.equals(principal)) {
            dropFromPrincipal(previous, key);
        }
        keysByPrincipal.computeIfAbsent(principal, p -> ConcurrentHashMap.newKeySet()).add(key);
        if (stored != null) {
            sweep(SWEEP_PER_ADD);
            if (inLine.add(key)) {
                sweepOrder.add(key);
            }
        }
    }

    /**
     * Drops the entries whose key the storage no longer holds; without a test of that (the no-argument
     * constructor), nothing.
     */
    @Override
    public long clearStale(Instant now) {
        return stored == null ? 0 : sweep(sweepOrder.size());
    }

    /** Looks at up to {@code count} entries from the front of the line; returns how many it dropped. */
    private long sweep(int count) {
        long dropped = 0;
        for (int i = 0; i < count; i++) {
            String key = sweepOrder.poll();
            if (key == null) {
                break;
            }
            if (principalByKey.containsKey(key) && stored.test(key)) {
                sweepOrder.add(key); // live: to the back of the line
                continue;
            }
            // Gone from the storage, or removed meanwhile (logout, revoke): its place in line goes with it. An add of
            // the same key racing with this may find it still in line and not queue it; it then stays indexed, unswept,
            // until the session is listed or removed.
            inLine.remove(key);
            if (principalByKey.containsKey(key)) {
                removeKey(key);
                dropped++;
            }
        }
        return dropped;
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
