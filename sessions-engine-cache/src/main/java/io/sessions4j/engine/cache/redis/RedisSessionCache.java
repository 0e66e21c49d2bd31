package io.sessions4j.engine.cache.redis;

import io.sessions4j.api.CloseOnFailure;
import io.sessions4j.api.LogSafe;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.engine.cache.SessionCache;
import io.sessions4j.spi.StoredBytes;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
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
 *       with the expected one — by its length and its trailing signature ({@link #version}), not its
 *       whole text — and {@code SET}s with {@code PX} on a match (falling back to {@code EVAL} once
 *       when the server answers {@code NOSCRIPT}); with no expected value, {@code SET key value XX PX ttl}.</li>
 * </ul>
 * No {@code RENAME} (it fails across Cluster slots), no keyspace notifications and no
 * {@code CONFIG} (managed Redis services forbid them).
 */
public final class RedisSessionCache implements SessionCache {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSessionCache.class);

    /**
     * Compare-and-set on a short version of the stored value (see {@link #version}): matches when the stored value
     * has the expected length in bytes and ends with the expected version. KEYS[1]; ARGV: version, length in bytes,
     * new value, ttl in ms.
     */
    static final String COMPARE_AND_SET = """
            local stored = redis.call('GET', KEYS[1])
            if stored and #stored == tonumber(ARGV[2]) and string.sub(stored, -#ARGV[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
              return 1
            end
            return 0
            """;
    static final String COMPARE_AND_SET_SHA = sha1(COMPARE_AND_SET);
    /** Characters of an HMAC-SHA256 signature in URL-safe base64 without padding, as Django's signer writes it. */
    static final int SIGNATURE_CHARS = 43;

    private final UnifiedJedis jedis;
    private final String prefix;
    private final byte[] prefixBytes;
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
        this.prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
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

    /**
     * {@code GET} through Jedis's binary API: the reply's bytes go to the engine's codec as they are ({@link
     * Entry#ofBytes}), where {@link #get} builds a String of them that the codec would only turn back into bytes
     * (issue #20: ~800 bytes of allocation per read). The String is made only if a save needs it.
     */
    @Override
    public Optional<Entry> getEntry(String key) {
        byte[] rawKey = rawKey(key);
        byte[] value = call("GET", () -> jedis.get(rawKey));
        return value == null ? Optional.empty() : Optional.of(Entry.ofBytes(StoredBytes.of(value)));
    }

    /** The prefixed key's bytes as Jedis's String API sends them (UTF-8), without a String of the prefixed key. */
    private byte[] rawKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) >= 0x80) {
                return (prefix + key).getBytes(StandardCharsets.UTF_8);
            }
        }
        byte[] raw = Arrays.copyOf(prefixBytes, prefixBytes.length + key.length());
        for (int i = 0; i < key.length(); i++) {
            raw[prefixBytes.length + i] = (byte) key.charAt(i);
        }
        return raw;
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
        List<String> args = List.of(version(expected), Long.toString(utf8Length(expected)), value,
                Long.toString(millis(ttl)));
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

    /**
     * What the compare-and-set script compares the stored value with, besides its length: for a value in Django's
     * signed form ({@code …:<43-character signature>}), its trailing {@code :signature} — an HMAC-SHA256 of
     * everything before it, so two different values of the same length never share it unless someone holding the
     * secret key made them collide on purpose; for any other value (foreign, unsigned), the whole value. The script
     * then receives about 45 bytes instead of the whole expected value (issue #20: the saved bytes and Lua string
     * are most of what the script costs beyond a plain {@code SET}).
     *
     * <p>Only those 44 characters are looked at: they are ASCII, so their UTF-8 bytes are the stored value's last
     * bytes whatever comes before them, and the length the script checks is counted in bytes ({@link #utf8Length}).
     * Scanning the whole value as well cost ~0.5 µs of client CPU per save for nothing (issue #20).
     */
    static String version(String value) {
        int colon = value.length() - SIGNATURE_CHARS - 1;
        if (colon < 0 || value.charAt(colon) != ':') {
            return value;
        }
        for (int i = colon + 1; i < value.length(); i++) {
            if (!isBase64Url(value.charAt(i))) {
                return value;
            }
        }
        return value.substring(colon);
    }

    private static boolean isBase64Url(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** The length of {@code value} in bytes as Redis holds it (Jedis sends UTF-8). */
    static long utf8Length(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return value.length();
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
