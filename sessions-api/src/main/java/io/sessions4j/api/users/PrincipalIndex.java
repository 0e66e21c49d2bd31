package io.sessions4j.api.users;

import java.time.Instant;
import java.util.Set;

/**
 * Engine SPI: which session keys belong to which principal. A {@link io.sessions4j.api.SessionStorage}
 * that can keep one implements {@link PrincipalIndexed}. The store calls it only when a session's
 * principal changes (bound on login, changed, removed) and when a session it knows the principal of is
 * deleted, so saves that leave the principal alone cost nothing extra.
 *
 * <p>Entries are hints: {@link #keys} may return keys of sessions that ended or changed principal since;
 * the caller checks each against the stored data and {@link #remove removes} what no longer holds. An
 * index must never make a live session unlisted: adding must be durable before it returns.
 * Implementations are thread-safe; failures are thrown as {@link io.sessions4j.api.SessionStorageException}.
 */
public interface PrincipalIndex {

    /**
     * Records {@code key} as a session of {@code principal}.
     *
     * @param expiry when the session expires as of this save; an index may use it to bound how long it
     *               keeps the entry (never shorter than the session may live)
     */
    void add(String principal, String key, Instant expiry);

    /** Forgets that {@code key} belongs to {@code principal}; a missing entry is not an error. */
    void remove(String principal, String key);

    /** The keys recorded for {@code principal}, possibly including ended sessions. */
    Set<String> keys(String principal);

    /**
     * Drops entries of sessions that no longer exist, where the index can find them without scanning the
     * sessions themselves (called by {@code clearExpired}).
     *
     * @return entries removed
     */
    default long clearStale(Instant now) {
        return 0;
    }
}
