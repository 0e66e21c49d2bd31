package io.sessions4j.engine.cache.redis;

import io.sessions4j.api.users.PrincipalIndex;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * The index by principal in Redis: one set per principal, {@code <prefix>principal:<base64url(principal)>},
 * whose members are session keys. One single-key command per change ({@code SADD}, {@code SREM}), sent only
 * when a session's principal changes: never in one script with the session key, which on Redis Cluster
 * lives in another slot.
 *
 * <p>The set gets no time-to-live of its own: a session saved again lives on past the expiry it had when
 * its principal was bound, and an index that forgot it would let "log out everywhere" miss it. Members of
 * ended sessions are removed when the set is next read ({@code list}, {@code revoke}, a capped login).
 */
final class RedisPrincipalIndex implements PrincipalIndex {
    private final String prefix;
    private final Commands commands;

    /** The calls this index makes, through the cache's error handling. */
    interface Commands {
        long sadd(String key, String member);

        long srem(String key, String member);

        Set<String> smembers(String key);
    }

    RedisPrincipalIndex(String prefix, Commands commands) {
        this.prefix = prefix;
        this.commands = commands;
    }

    @Override
    public void add(String principal, String key, Instant expiry) {
        commands.sadd(setKey(principal), key);
    }

    @Override
    public void remove(String principal, String key) {
        commands.srem(setKey(principal), key);
    }

    @Override
    public Set<String> keys(String principal) {
        return commands.smembers(setKey(principal));
    }

    /**
     * The set's key. The principal is base64url-encoded so no principal (with spaces, colons, braces that
     * would pick a Cluster hash tag) can collide with a session key or another principal's set.
     */
    String setKey(String principal) {
        return prefix + "principal:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(principal.getBytes(StandardCharsets.UTF_8));
    }
}
