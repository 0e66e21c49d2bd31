package io.sessions4j.engine.cache.redis;

import io.sessions4j.api.CloseOnFailure;
import io.sessions4j.api.LogSafe;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.engine.cache.SessionCache;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisBroadcastException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.SetParams;

/**
 * The Redis backend: one command per operation, every key under the configured prefix.
 *
 * <ul>
 *   <li>get → {@code GET}; exists → {@code EXISTS}; delete → {@code DEL};</li>
 *   <li>add → {@code SET key value NX PX ttl}; set → {@code SET key value PX ttl};</li>
 *   <li>compare-and-set → {@code EVALSHA} of a short Lua script that compares the stored value
 *       with the expected one and {@code SET}s with {@code PX} on a match (falling back to
 *       {@code EVAL} once when the server answers {@code NOSCRIPT}); with no expected value,
 *       {@code SET key value XX PX ttl}.</li>
 * </ul>
 * No {@code RENAME} (it fails across Cluster slots), no keyspace notifications and no
 * {@code CONFIG} (managed Redis services forbid them).
 */
public final class RedisSessionCache implements SessionCache {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSessionCache.class);

    /** Compare-and-set: the stored data is the version. KEYS[1]; ARGV: expected, new value, ttl in ms. */
    static final String COMPARE_AND_SET = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0
            """;
    static final String COMPARE_AND_SET_SHA = sha1(COMPARE_AND_SET);

    private final UnifiedJedis jedis;
    private final String prefix;
    private final String location;
    /** Cluster clients already retry and follow redirections; standalone and Sentinel pools need one retry. */
    private final boolean retryStaleConnection;
    private final RedisPrincipalIndex index;

    /** Connects according to {@code url}; fails now when Redis cannot be reached. */
    public static RedisSessionCache open(RedisUrl url, RedisOptions options) {
        UnifiedJedis jedis;
        try {
            jedis = RedisClients.open(url, options);
        } catch (JedisException e) {
            throw new SessionStorageException("cache engine: cannot connect to Redis at " + url.describe() + ": "
                    + e.getMessage(), e);
        }
        RedisSessionCache cache = new RedisSessionCache(jedis, options.keyPrefix(), url.describe(),
                url.topology() != RedisUrl.Topology.CLUSTER);
        CloseOnFailure.of(cache, () -> {
            cache.start();
            return cache;
        });
        LOG.info("cache engine: Redis at {} ({})", url.describe(), options);
        return cache;
    }

    RedisSessionCache(UnifiedJedis jedis, String prefix, String location, boolean retryStaleConnection) {
        this.jedis = Objects.requireNonNull(jedis, "jedis");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("The key prefix must not be empty (CVE-2011-4136)");
        }
        this.location = "Redis at " + location;
        this.retryStaleConnection = retryStaleConnection;
        this.index = new RedisPrincipalIndex(prefix, new RedisPrincipalIndex.Commands() {
            @Override
            public long sadd(String key, String member) {
                return call("SADD", () -> jedis.sadd(key, member));
            }

            @Override
            public long srem(String key, String member) {
                return call("SREM", () -> jedis.srem(key, member));
            }

            @Override
            public java.util.Set<String> smembers(String key) {
                return call("SMEMBERS", () -> jedis.smembers(key));
            }
        });
    }

    /**
     * Proves at start-up that the server answers and accepts these credentials, and loads the
     * script on every node so that saves use EVALSHA from the first one.
     */
    private void start() {
        try {
            call("SCRIPT LOAD", () -> jedis.scriptLoad(COMPARE_AND_SET));
        } catch (SessionStorageException e) {
            if (!isPermissionRefusal(e.getCause())) {
                throw e;
            }
            // An ACL that allows EVAL but not SCRIPT: EVAL loads the script on first use instead.
            LOG.warn("cache engine: SCRIPT LOAD refused by {} ({}); the script is loaded on first use",
                    location, e.getCause().getMessage());
            call("EXISTS", () -> jedis.exists(prefix + "start-up-check"));
        }
    }

    /** NOPERM from the server, or from every node that failed a Cluster-wide broadcast. */
    private static boolean isPermissionRefusal(Throwable e) {
        if (e instanceof JedisBroadcastException broadcast) {
            List<Throwable> failures = broadcast.getReplies().values().stream()
                    .filter(Throwable.class::isInstance).map(Throwable.class::cast).toList();
            return !failures.isEmpty() && failures.stream().allMatch(RedisSessionCache::isPermissionRefusal);
        }
        return e instanceof JedisDataException && e.getMessage() != null && e.getMessage().startsWith("NOPERM");
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(call("GET", () -> jedis.get(prefix + key)));
    }

    @Override
    public boolean add(String key, String value, Duration ttl) {
        return "OK".equals(call("SET NX", () -> jedis.set(prefix + key, value,
                SetParams.setParams().nx().px(millis(ttl)))));
    }

    @Override
    public void set(String key, String value, Duration ttl) {
        call("SET", () -> jedis.set(prefix + key, value, SetParams.setParams().px(millis(ttl))));
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value, Duration ttl) {
        if (expected == null) {
            return "OK".equals(call("SET XX", () -> jedis.set(prefix + key, value,
                    SetParams.setParams().xx().px(millis(ttl)))));
        }
        List<String> keys = List.of(prefix + key);
        List<String> args = List.of(expected, value, Long.toString(millis(ttl)));
        Object result = call("EVALSHA", () -> {
            try {
                return jedis.evalsha(COMPARE_AND_SET_SHA, keys, args);
            } catch (JedisNoScriptException e) {
                // Restarted, failed over or SCRIPT FLUSHed: EVAL runs the script and caches it for next time.
                return jedis.eval(COMPARE_AND_SET, keys, args);
            }
        });
        return Long.valueOf(1).equals(result);
    }

    @Override
    public boolean delete(String key) {
        return call("DEL", () -> jedis.del(prefix + key)) > 0;
    }

    @Override
    public boolean exists(String key) {
        return call("EXISTS", () -> jedis.exists(prefix + key));
    }

    /** A set per principal beside the sessions; see {@link RedisPrincipalIndex}. */
    @Override
    public Optional<io.sessions4j.api.users.PrincipalIndex> principalIndex() {
        return Optional.of(index);
    }

    @Override
    public String location() {
        return location;
    }

    /** The key prefix this cache writes under. */
    public String keyPrefix() {
        return prefix;
    }

    @Override
    public void close() {
        try {
            jedis.close();
        } catch (RuntimeException e) {
            LOG.debug("cache engine: closing {} failed", location, e);
        }
    }

    @Override
    public String toString() {
        return location;
    }

    private <T> T call(String command, Supplier<T> action) {
        try {
            return action.get();
        } catch (JedisConnectionException e) {
            if (retryStaleConnection && !isTimeout(e)) {
                // A pooled connection from before a Redis restart fails on first use without the command
                // reaching any server; drop the idle ones and try once on a fresh connection.
                clearIdleConnections();
                try {
                    return action.get();
                } catch (JedisException again) {
                    throw failure(command, again);
                }
            }
            throw failure(command, e);
        } catch (JedisException e) {
            throw failure(command, e);
        }
    }

    private void clearIdleConnections() {
        if (jedis instanceof JedisPooled pooled) {
            try {
                pooled.getPool().clear();
            } catch (RuntimeException e) {
                LOG.debug("cache engine: clearing idle connections of {} failed", location, e);
            }
        }
    }

    private SessionStorageException failure(String command, JedisException e) {
        return new SessionStorageException("cache engine: " + command + " failed on " + location + ": "
                + LogSafe.describe(e), e);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static long millis(Duration ttl) {
        long ms = ttl.toMillis();
        if (ms <= 0) {
            // PX must be positive; callers turn a past expiry into a delete.
            throw new IllegalArgumentException("time-to-live must be positive: " + ttl);
        }
        return ms;
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}
