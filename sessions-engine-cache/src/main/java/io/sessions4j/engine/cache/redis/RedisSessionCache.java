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
import redis.clients.jedis.Protocol;
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
 *   <li>compare-and-set → {@code SET key value IFEQ expected PX ttl} where the server has it (Valkey 8.1 and
 *       later, Redis 8.4 and later; asked once at start-up): the server compares the whole stored value, with no
 *       script. On servers without it, {@code EVALSHA} of a short Lua script that reads only the stored value's tail
 *       ({@code GETRANGE} from where the expected value's version starts, {@link #versionStart}) and {@code SET}s
 *       with {@code PX} when that tail is the expected version, which also proves the lengths equal (falling back
 *       to {@code EVAL} once when the server answers {@code NOSCRIPT}); with no expected value,
 *       {@code SET key value XX PX ttl}.</li>
 * </ul>
 * No {@code RENAME} (it fails across Cluster slots), no keyspace notifications and no
 * {@code CONFIG} (managed Redis services forbid them).
 */
public final class RedisSessionCache implements SessionCache {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSessionCache.class);

    /**
     * Compare-and-set on a short version of the stored value (see {@link #versionStart}). KEYS[1]; ARGV: the byte
     * offset at which the expected value's version starts, that version, the new value, the time-to-live in ms.
     *
     * <p>{@code GETRANGE key offset -1} returns the stored bytes from that offset to the end, so it equals the
     * version only if the stored value has the expected length in bytes and ends with the version: the check the
     * previous script made on the whole value ({@code GET}, {@code #stored}, {@code string.sub}), but with the
     * ~45-byte tail as the only string the script receives from Redis (issue #20: every string that enters Lua
     * costs Redis an allocation and garbage-collector work, the whole value ~1 µs per save). {@code GETRANGE}
     * answers "" for a missing key as for an empty value, so an empty version — only an empty expected value has
     * one — also asks {@code EXISTS}: a deleted session is never written back.
     *
     * <p>Why a save still costs Redis ~4× a {@code SET} (issue #20; Redis 7.0.15 under callgrind, a 739-byte signed
     * value, user-space instructions per command, event loop included): {@code SET} ~11,000, this script ~46,000. Of
     * the difference, {@code EVALSHA}'s own machinery is ~15,000 even for {@code return 0}; the new value entering Lua
     * ~9,000 (Redis's Lua hashes every byte of every argument it turns into a string); the two {@code redis.call}s
     * ~12,000. No equivalent script on 7.0 is much cheaper: {@code PSETEX} instead of {@code SET … PX} saves ~1,500
     * but needs {@code +psetex} in an ACL that today grants {@code +set}, {@code FCALL} of the same function ~2,500
     * but needs {@code FUNCTION LOAD}; {@code WATCH}/{@code MULTI} avoids Lua but costs a save a second round trip.
     */
    static final String COMPARE_AND_SET = """
            local tail = redis.call('GETRANGE', KEYS[1], ARGV[1], '-1')
            if tail == ARGV[2] and (tail ~= '' or redis.call('EXISTS', KEYS[1]) == 1) then
              redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
              return 1
            end
            return 0
            """;
    /**
     * {@link #COMPARE_AND_SET} for an ACL user without {@code GETRANGE} (the README's list of commands before issue
     * #20 named only {@code GET}): the same arguments and the same check, made on the whole value read with
     * {@code GET} ({@code string.sub} from the offset to the end). Chosen at start-up when the first one is refused
     * ({@link #start}); about 1–3 µs more of Redis CPU per save.
     */
    static final String COMPARE_AND_SET_BY_GET = """
            local stored = redis.call('GET', KEYS[1])
            if stored and string.sub(stored, ARGV[1] + 1) == ARGV[2] then
              redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
              return 1
            end
            return 0
            """;
    private static final byte[] IFEQ = {'I', 'F', 'E', 'Q'};
    private static final byte[] PX = {'P', 'X'};
    /** Characters of an HMAC-SHA256 signature in URL-safe base64 without padding, as Django's signer writes it. */
    static final int SIGNATURE_CHARS = 43;

    private final UnifiedJedis jedis;
    private final String prefix;
    private final byte[] prefixBytes;
    private final String location;
    /** Cluster clients already retry and follow redirections; standalone and Sentinel pools need one retry. */
    private final boolean retryStaleConnection;
    private final RedisPrincipalIndex index;
    /** The compare-and-set script, chosen by {@link #startScript} before this cache is handed out or when a server
     * refuses {@code IFEQ} (volatile: read by every save, and the cache may be handed to other threads without a
     * barrier). */
    private volatile Script casScript = new Script(COMPARE_AND_SET);
    /**
     * Whether saves compare and set with {@code SET … IFEQ} rather than the script: set by {@link #start} when the
     * server accepts it, cleared for good when a server refuses it later ({@link #setIfEqual}).
     */
    private volatile boolean setIfEqual;

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
     * Proves at start-up that the server answers and accepts these credentials, and picks how saves compare and set.
     * First a {@code SET … IFEQ} on a key that does not exist (IFEQ never creates a key, so it writes nothing there):
     * a server that accepts it needs no script (issue #20: a Lua call costs Redis ~4× a {@code SET}). Otherwise it
     * loads the script on every node so that saves use EVALSHA from the first one, and runs it once on that key:
     * when Redis refuses it — an ACL user without {@code GETRANGE} — saves use {@link #COMPARE_AND_SET_BY_GET}
     * instead, rather than failing on the first save after an upgrade.
     */
    private void start() {
        if (setIfEqual(rawKey("start-up-check"), new byte[] {'-'}, new byte[] {'-'}, 1) != null) {
            setIfEqual = true;
            return;
        }
        startScript();
    }

    /** Loads the compare-and-set script and picks the variant this server's ACL allows (see {@link #start}). */
    private void startScript() {
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
        try {
            probeCompareAndSet();
        } catch (SessionStorageException e) {
            if (!(e.getCause() instanceof JedisDataException) || e.getCause() instanceof JedisNoScriptException) {
                throw e;
            }
            LOG.warn("cache engine: {} refused the compare-and-set script that reads a value's tail with GETRANGE "
                    + "({}); saves read the whole value with GET instead (grant +getrange to save the difference)",
                    location, e.getCause().getMessage());
            casScript = new Script(COMPARE_AND_SET_BY_GET);
            probeCompareAndSet();
        }
    }

    /** Runs the compare-and-set script on a key under the prefix that holds nothing, so it writes nothing. */
    private void probeCompareAndSet() {
        runCompareAndSet(List.of(rawKey("start-up-check")), List.of(new byte[] {'0'}, new byte[] {'-'},
                new byte[] {'-'}, new byte[] {'1'}));
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
        if (setIfEqual) {
            byte[] rawKey = rawKey(key);
            Boolean set = setIfEqual(rawKey, value.getBytes(StandardCharsets.UTF_8),
                    expected.getBytes(StandardCharsets.UTF_8), millis(ttl));
            if (set != null) {
                return set;
            }
            setIfEqual = false;
            LOG.warn("cache engine: {} refused SET … IFEQ, which it accepted at start-up (a fail-over to an older "
                    + "server?); saves compare and set with a Lua script from now on", location);
            startScript();
        }
        // Binary arguments: the script's SHA-1 encoded once, the prefixed key and the version without a String of
        // them (issue #20: client CPU per save).
        List<byte[]> keys = List.of(rawKey(key));
        int start = versionStart(expected);
        // The version is ASCII whenever it does not start at 0 (a signature), so its bytes are its characters.
        long offset = start == 0 ? 0 : utf8Length(expected) - (expected.length() - start);
        List<byte[]> args = List.of(Protocol.toByteArray(offset), versionBytes(expected, start),
                value.getBytes(StandardCharsets.UTF_8), Protocol.toByteArray(millis(ttl)));
        return Long.valueOf(1).equals(runCompareAndSet(keys, args));
    }

    /**
     * {@code SET rawKey value IFEQ expected PX millis}: whether it set the value (false: the stored value differs, or
     * there is none — IFEQ never creates a key, so a deleted session is never written back); null when the server
     * does not know IFEQ (Redis before 8.4, Valkey before 8.1 answer a syntax error, having done nothing).
     */
    private Boolean setIfEqual(byte[] rawKey, byte[] value, byte[] expected, long millis) {
        try {
            return call("SET IFEQ", () -> jedis.sendCommand(rawKey, Protocol.Command.SET, rawKey, value, IFEQ,
                    expected, PX, Protocol.toByteArray(millis))) != null;
        } catch (SessionStorageException e) {
            if (e.getCause() instanceof JedisDataException refused && refused.getMessage() != null
                    && refused.getMessage().startsWith("ERR syntax error")) {
                return null;
            }
            throw e;
        }
    }

    private Object runCompareAndSet(List<byte[]> keys, List<byte[]> args) {
        Script script = casScript;
        return call("EVALSHA", () -> {
            try {
                return jedis.evalsha(script.sha(), keys, args);
            } catch (JedisNoScriptException e) {
                // Restarted, failed over or SCRIPT FLUSHed: EVAL runs the script and caches it for next time.
                return jedis.eval(script.text(), keys, args);
            }
        });
    }

    /**
     * Where, in characters, the part of {@code value} that the compare-and-set script compares begins — together
     * with the length in bytes, which the script's {@code GETRANGE} offset checks. For a value in Django's signed
     * form ({@code …:<43-character signature>}), its trailing {@code :signature}: an HMAC-SHA256 of everything
     * before it, so two different values of the same length never share it unless someone holding the secret key
     * made them collide on purpose; for any other value (foreign, unsigned), 0: the whole value. The script then
     * receives and reads about 45 bytes instead of the whole value (issue #20).
     *
     * <p>Only those 44 characters are looked at: they are ASCII, so their UTF-8 bytes are the stored value's last
     * bytes whatever comes before them; the length in bytes is counted by {@link #utf8Length}.
     */
    static int versionStart(String value) {
        int colon = value.length() - SIGNATURE_CHARS - 1;
        if (colon < 0 || value.charAt(colon) != ':') {
            return 0;
        }
        for (int i = colon + 1; i < value.length(); i++) {
            if (!isBase64Url(value.charAt(i))) {
                return 0;
            }
        }
        return colon;
    }

    /** The UTF-8 bytes of {@code value} from {@code start} on: its ASCII characters as they are past 0. */
    static byte[] versionBytes(String value, int start) {
        if (start == 0) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[value.length() - start];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) value.charAt(start + i);
        }
        return bytes;
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

    /** A Lua script as EVAL and EVALSHA send it: its text and its SHA-1 in hexadecimal, both as bytes. */
    private record Script(byte[] text, byte[] sha) {
        Script(String text) {
            this(text.getBytes(StandardCharsets.UTF_8), sha1(text).getBytes(StandardCharsets.US_ASCII));
        }
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
