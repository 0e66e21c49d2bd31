package io.sessions4j.api;

/**
 * How many sessions a storage holds, for {@code sessions stats}.
 *
 * @param live    sessions that have not expired
 * @param expired sessions past their expiry that {@link SessionEngine#clearExpired()} would remove
 */
public record SessionCounts(long live, long expired) {
}
