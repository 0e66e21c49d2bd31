package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.CreateException;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.UpdateException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;

/**
 * What the Redis backend sends, counted with {@code INFO commandstats} on a redis-server this
 * test owns (port 6392): one command per operation, the real time-to-live, the key prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisCommandsTest {
    private static final int PORT = 6392;
    private static final String SECRET = "commands-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private Path dir;
    private RedisServer server;
    private SessionEngine engine;
    private Jedis plain;
    private Map<String, Long> before;

    @BeforeAll
    void startRedis() {
        RedisServer.assumeBinaries();
        dir = TempDirs.create("commands");
        server = RedisServer.start(PORT, dir);
        plain = server.client();
        engine = server.engine(SECRET);
    }

    @AfterAll
    void stopRedis() {
        if (engine != null) {
            engine.close();
        }
        if (plain != null) {
            plain.close();
        }
        if (server != null) {
            server.stop();
        }
        TempDirs.delete(dir);
    }

    @BeforeEach
    void snapshot() {
        before = RedisKeys.commandCalls(plain);
    }

    @AfterEach
    void flush() {
        plain.flushAll();
    }

    private Map<String, Long> commands() {
        Map<String, Long> delta = RedisKeys.delta(before, RedisKeys.commandCalls(plain));
        before = RedisKeys.commandCalls(plain);
        return delta;
    }

    /**
     * Commandstats also counts the commands a Lua script runs inside Redis (they are not round
     * trips): the compare-and-set script always runs one GETRANGE (the stored value's tail, never the
     * whole value), and one SET when the value matched.
     */
    private static final Map<String, Long> SCRIPT_MATCHED = Map.of("getrange", 1L, "set", 1L);
    private static final Map<String, Long> SCRIPT_MISSED = Map.of("getrange", 1L);

    /**
     * The compare-and-set script of the previous version (whole value read with GET, compared by length and
     * signature, with the length in bytes as ARGV[2]), which instances not yet upgraded still run during a rolling
     * upgrade: the stored value is the same, only the script that compares it changed.
     */
    private static final String PREVIOUS_SCRIPT = """
            local stored = redis.call('GET', KEYS[1])
            if stored and #stored == tonumber(ARGV[2]) and string.sub(stored, -#ARGV[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
              return 1
            end
            return 0
            """;

    /** What commandstats shows for {@code sent} commands from the client plus {@code inScript} run by the script. */
    private static Map<String, Long> sentPlusScript(Map<String, Long> sent, Map<String, Long> inScript) {
        Map<String, Long> all = new java.util.HashMap<>(sent);
        inScript.forEach((k, v) -> all.merge(k, v, Long::sum));
        return all;
    }

    private String saved(Map<String, Object> data) {
        SessionStore s = engine.open(null);
        s.putAll(data);
        s.save();
        commands();
        return s.getSessionKey();
    }

    private SessionStorage storage() {
        return ((StorageSessionEngine) engine).storage();
    }

    @Test
    @DisplayName("G3 create is one SET NX PX under the prefix; the value is the signed session data")
    void g3_createIsOneSetNx() {
        SessionStore s = engine.open(null);
        s.put("user_id", 42);
        s.save();
        assertThat(commands()).isEqualTo(Map.of("set", 1L));

        String value = plain.get("sessions4j:" + s.getSessionKey());
        assertThat(value).matches("[A-Za-z0-9_.-]+:[A-Za-z0-9]+:[A-Za-z0-9_-]+");
        assertThat(((StorageSessionEngine) engine).context().codec().decode(value, Instant.now()).orElseThrow().data()).containsEntry("user_id", 42);
    }

    @Test
    @DisplayName("G3 a read is one GET; a read-only request writes nothing")
    void g3_readIsOneGet() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        assertThat(s.get("a")).isEqualTo(1);
        assertThat(s.keySet()).containsExactly("a");
        assertThat(s.isModified()).isFalse();
        assertThat(commands()).isEqualTo(Map.of("get", 1L));
    }

    @Test
    @DisplayName("G3 saving a loaded session is one EVALSHA (compare-and-set) after its GET")
    void g3_saveIsOneEvalsha() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        s.put("b", 2);
        s.save();
        assertThat(commands()).isEqualTo(sentPlusScript(Map.of("get", 1L, "evalsha", 1L), SCRIPT_MATCHED));
        assertThat(engine.open(key)).containsEntry("a", 1).containsEntry("b", 2);
    }

    @Test
    @DisplayName("G3 saving a logged-in session that keeps its principal is still GET + EVALSHA (index untouched)")
    void g3_saveOfLoggedInSessionIsOneEvalsha() {
        String key = saved(Map.of("_auth_user_id", "42"));
        SessionStore s = engine.open(key);
        s.put("b", 2);
        s.save();
        assertThat(commands()).isEqualTo(sentPlusScript(Map.of("get", 1L, "evalsha", 1L), SCRIPT_MATCHED));
    }

    @Test
    @DisplayName("G3 binding a principal adds one SADD to the principal's set (a single-key command, Cluster-safe)")
    void g3_bindingAddsOneSadd() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        s.setPrincipal("42");
        s.save();
        assertThat(commands()).isEqualTo(sentPlusScript(Map.of("get", 1L, "evalsha", 1L, "sadd", 1L), SCRIPT_MATCHED));
    }

    @Test
    @DisplayName("G3 saving without having loaded (clear) is one SET XX PX")
    void g3_blindSaveIsSetXx() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        s.clear();
        s.put("b", 2);
        s.save();
        assertThat(commands()).isEqualTo(Map.of("set", 1L));
        assertThat(engine.open(key)).containsOnlyKeys("b");
    }

    @Test
    @DisplayName("G3 after SCRIPT FLUSH the script is sent once with EVAL, then EVALSHA again")
    void g3_scriptIsReloadedOnce() {
        String key = saved(Map.of("a", 1));
        plain.scriptFlush();
        commands();
        SessionStore s = engine.open(key);
        s.put("b", 2);
        s.save();
        assertThat(commands()).isEqualTo(sentPlusScript(Map.of("get", 1L, "evalsha", 1L, "eval", 1L), SCRIPT_MATCHED));
        s.put("c", 3);
        s.save();
        assertThat(commands()).isEqualTo(sentPlusScript(Map.of("evalsha", 1L), SCRIPT_MATCHED));
        assertThat(engine.open(key)).containsEntry("b", 2).containsEntry("c", 3);
    }

    @Test
    @DisplayName("A12 cycleKey is one SET NX for the new key and one DEL for the old (never RENAME)")
    void a12_cycleKeyIsSetAndDel() {
        String oldKey = saved(Map.of("a", 1));
        SessionStore s = engine.open(oldKey);
        s.get("a");
        commands();
        s.cycleKey();
        assertThat(commands()).isEqualTo(Map.of("set", 1L, "del", 1L));
        assertThat(plain.exists("sessions4j:" + oldKey)).isFalse();
        assertThat(plain.exists("sessions4j:" + s.getSessionKey())).isTrue();
    }

    @Test
    @DisplayName("G3 the time-to-live equals the session's expiry age")
    void g3_ttlEqualsExpiryAge() {
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.setExpiry(600);
        s.save();
        assertThat(plain.pttl("sessions4j:" + s.getSessionKey())).isBetween(598_000L, 600_000L);

        SessionStore byDefault = engine.open(null);
        byDefault.put("a", 1);
        byDefault.save();
        assertThat(plain.pttl("sessions4j:" + byDefault.getSessionKey())).isBetween(1_209_598_000L, 1_209_600_000L);

        SessionStore reopened = engine.open(s.getSessionKey());
        reopened.setExpiry(3600);
        reopened.save();
        assertThat(plain.pttl("sessions4j:" + s.getSessionKey())).isBetween(3_598_000L, 3_600_000L);
    }

    @Test
    @DisplayName("G3 a session with a 1 s expiry is really gone from Redis afterwards")
    void g3_ttlReallyExpires() {
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.setExpiry(1);
        s.save();
        String redisKey = "sessions4j:" + s.getSessionKey();
        assertThat(plain.pttl(redisKey)).isBetween(1L, 1000L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (plain.exists(redisKey) && System.nanoTime() < deadline) {
            RedisServer.pause(50); // Redis' own clock decides
        }
        assertThat(plain.exists(redisKey)).isFalse();
        assertThat(plain.ttl(redisKey)).isEqualTo(-2L); // -2: no such key
        assertThat(engine.open(s.getSessionKey()).get("a")).isNull();
    }

    @Test
    @DisplayName("C6 an expiry in the past is never sent as a time-to-live: nothing stored, or the key deleted")
    void c6_pastExpiryDeletes() {
        SessionStore fresh = engine.open(null);
        fresh.put("a", 1);
        fresh.setExpiry(Duration.ofSeconds(-10));
        fresh.save();
        assertThat(commands()).isEqualTo(Map.of("exists", 1L)); // a taken key is still refused; no SET
        assertThat(plain.exists("sessions4j:" + fresh.getSessionKey())).isFalse();

        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        s.setExpiry(Duration.ofSeconds(-10));
        s.save();
        assertThat(commands()).isEqualTo(Map.of("get", 1L, "del", 1L));
        assertThat(plain.exists("sessions4j:" + key)).isFalse();
    }

    @Test
    @DisplayName("E1 a save after the key vanished fails with UpdateException and does not resurrect it")
    void e1_vanishedEntryIsNotResurrected() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        s.get("a");
        plain.del("sessions4j:" + key);
        commands();
        s.put("b", 2);
        assertThatThrownBy(s::save).isInstanceOf(UpdateException.class);
        // EVALSHA finds nothing to compare; the store then reads (GET) and finds the session gone.
        assertThat(commands()).isEqualTo(sentPlusScript(Map.of("evalsha", 1L, "get", 1L), SCRIPT_MISSED));
        assertThat(plain.exists("sessions4j:" + key)).isFalse();
    }

    @Test
    @DisplayName("E2 create on a taken key: the SET NX fails, CreateException, the stored value is untouched")
    void e2_addIfAbsentRefusesTakenKey() {
        String key = "takenkey0123456789abcdefghijklmn";
        plain.set("sessions4j:" + key, "someone else's");
        commands();
        assertThatThrownBy(() -> storage().create(key, "mine", Instant.now().plusSeconds(60)))
                .isInstanceOf(CreateException.class);
        assertThat(commands()).isEqualTo(Map.of("set", 1L));
        assertThat(plain.get("sessions4j:" + key)).isEqualTo("someone else's");
    }

    @Test
    @DisplayName("G4 a session key never reaches a bare Redis key (CVE-2011-4136)")
    void g4_bareKeysAreUntouched() {
        String key = "victimkey0123456789abcdefghijklm";
        plain.set(key, "not a session");
        assertThat(engine.open(key).get("x")).isNull();
        storage().create(key, "data", Instant.now().plusSeconds(60));
        storage().delete(key);
        assertThat(plain.get(key)).isEqualTo("not a session");
    }

    @Test
    @DisplayName("E3 compare-and-set by length and trailing signature: another signature, a longer value or another unsigned value never match")
    void e3_compareAndSetBySignature() {
        SessionCache cache = ((CacheSessionStorage) storage()).cache();
        String codecValue = ((StorageSessionEngine) engine).context().codec().encode(Map.of("a", 1), Instant.now());
        String otherSignature = codecValue.substring(0, codecValue.length() - 1)
                + (codecValue.endsWith("A") ? "B" : "A");
        java.time.Duration ttl = java.time.Duration.ofMinutes(1);
        String key = "casbysignature0123456789abcdefgh";

        cache.set(key, otherSignature, ttl);
        assertThat(cache.compareAndSet(key, codecValue, "next", ttl)).as("same length, another signature").isFalse();
        cache.set(key, "x" + codecValue, ttl);
        assertThat(cache.compareAndSet(key, codecValue, "next", ttl)).as("ends with it, one byte longer").isFalse();
        cache.set(key, codecValue, ttl);
        assertThat(cache.compareAndSet(key, codecValue, "next", ttl)).isTrue();
        assertThat(plain.get("sessions4j:" + key)).isEqualTo("next");

        cache.set(key, "xabc", ttl);
        assertThat(cache.compareAndSet(key, "abc", "n", ttl)).as("unsigned: whole value").isFalse();
        assertThat(cache.compareAndSet(key, "yabc", "n", ttl)).isFalse();
        String accented = "é" + codecValue; // compared by its tail too, and by its length in bytes
        cache.set(key, accented, ttl);
        assertThat(cache.compareAndSet(key, "e" + codecValue, "n", ttl)).as("as many characters, one byte fewer").isFalse();
        assertThat(cache.compareAndSet(key, accented, "n", ttl)).isTrue();
        assertThat(plain.get("sessions4j:" + key)).isEqualTo("n");
        cache.set(key, "ünsigned ✓", ttl);
        assertThat(cache.compareAndSet(key, "ünsigned ✓", "n", ttl)).isTrue();
        assertThat(plain.get("sessions4j:" + key)).isEqualTo("n");
    }

    @Test
    @DisplayName("E3 compare-and-set reads only the tail: a shorter or longer stored value, or one that differs before its signature, never matches")
    void e3_compareAndSetReadsOnlyTheTail() {
        SessionCache cache = ((CacheSessionStorage) storage()).cache();
        String codecValue = ((StorageSessionEngine) engine).context().codec().encode(Map.of("a", 1), Instant.now());
        Duration ttl = Duration.ofMinutes(1);
        String key = "casbytail0123456789abcdefghijklm";
        String stored = "sessions4j:" + key;

        cache.set(key, "abc", ttl);
        assertThat(cache.compareAndSet(key, codecValue, "next", ttl)).as("shorter than the offset").isFalse();
        cache.set(key, codecValue.substring(0, codecValue.length() - 1), ttl);
        assertThat(cache.compareAndSet(key, codecValue, "next", ttl)).as("one byte shorter").isFalse();
        cache.set(key, codecValue + "x", ttl);
        assertThat(cache.compareAndSet(key, codecValue, "next", ttl)).as("one byte longer").isFalse();
        // Same signature, another byte before it: only someone holding the secret key could store that, but the
        // length still decides (it differs) and the script does not look before the offset.
        cache.set(key, codecValue.substring(1), ttl);
        assertThat(cache.compareAndSet(key, codecValue, "next", ttl)).as("its tail, one byte shorter").isFalse();
        assertThat(plain.get(stored)).isEqualTo(codecValue.substring(1));

        cache.set(key, codecValue, ttl);
        commands();
        assertThat(cache.compareAndSet(key, codecValue, "next", ttl)).isTrue();
        assertThat(commands()).isEqualTo(sentPlusScript(Map.of("evalsha", 1L), SCRIPT_MATCHED));
        assertThat(plain.get(stored)).isEqualTo("next");
        assertThat(plain.pttl(stored)).isBetween(50_000L, 60_000L);
    }

    @Test
    @DisplayName("E1 compare-and-set with an empty expected value: matches a stored empty value, never a missing key")
    void e1_emptyExpectedValueNeverRevives() {
        SessionCache cache = ((CacheSessionStorage) storage()).cache();
        Duration ttl = Duration.ofMinutes(1);
        String key = "casempty0123456789abcdefghijklmn";
        String stored = "sessions4j:" + key;

        // GETRANGE answers "" for a missing key as for an empty value: the script asks EXISTS then.
        commands();
        assertThat(cache.compareAndSet(key, "", "revived", ttl)).isFalse();
        assertThat(commands()).isEqualTo(sentPlusScript(Map.of("evalsha", 1L), Map.of("getrange", 1L, "exists", 1L)));
        assertThat(plain.exists(stored)).isFalse();
        cache.set(key, "a", ttl);
        assertThat(cache.compareAndSet(key, "", "n", ttl)).isFalse();
        cache.set(key, "", ttl);
        assertThat(cache.compareAndSet(key, "", "n", ttl)).isTrue();
        assertThat(plain.get(stored)).isEqualTo("n");
    }

    @Test
    @DisplayName("E3 rolling upgrade: the stored value is unchanged, so this script and the previous one compare-and-set the same values")
    void e3_previousScriptAndThisOneShareValues() {
        SessionCache cache = ((CacheSessionStorage) storage()).cache();
        Duration ttl = Duration.ofMinutes(1);
        String key = saved(Map.of("a", 1));
        String stored = "sessions4j:" + key;

        // An instance still on the previous version saves what this one wrote...
        String written = plain.get(stored);
        String fromPrevious = ((StorageSessionEngine) engine).context().codec().encode(Map.of("a", 2), Instant.now());
        assertThat(previousCompareAndSet(stored, written, fromPrevious)).isEqualTo(1L);
        // ...which this version reads and saves over; the previous script then finds its expected value gone.
        assertThat(engine.open(key)).containsEntry("a", 2);
        assertThat(cache.compareAndSet(key, fromPrevious, "{}", ttl)).isTrue();
        assertThat(previousCompareAndSet(stored, fromPrevious, "lost update")).isEqualTo(0L);
        assertThat(plain.get(stored)).isEqualTo("{}");
        // A value the previous script compared by its whole text (not signed) too.
        cache.set(key, "ünsigned ✓", ttl);
        assertThat(previousCompareAndSet(stored, "ünsigned ✓", "ünsigned ✓✓")).isEqualTo(1L);
        assertThat(cache.compareAndSet(key, "ünsigned ✓", "n", ttl)).isFalse();
        assertThat(cache.compareAndSet(key, "ünsigned ✓✓", "n", ttl)).isTrue();
        plain.del(stored);
        assertThat(previousCompareAndSet(stored, "n", "revived")).isEqualTo(0L);
        assertThat(plain.exists(stored)).isFalse();
    }

    /** The previous version's save, with its arguments: the version, the length in bytes, the value, the ttl. */
    private Object previousCompareAndSet(String redisKey, String expected, String value) {
        String version = expected.length() > 44 && expected.charAt(expected.length() - 44) == ':'
                ? expected.substring(expected.length() - 44) : expected;
        return plain.eval(PREVIOUS_SCRIPT, java.util.List.of(redisKey), java.util.List.of(version,
                Integer.toString(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8).length), value, "60000"));
    }

    @Test
    @DisplayName("G3 Redis keeps nothing decoded: every read is a GET and a decode of what it returned (values leave the process)")
    void g3_redisKeepsNothingDecoded() {
        String key = saved(Map.of("a", 1));
        assertThat(engine.open(key).get("a")).isEqualTo(1);
        assertThat(engine.open(key).get("a")).isEqualTo(1);
        assertThat(storage().load(key, Instant.now()).orElseThrow().decoded()).isNull();
        plain.set("sessions4j:" + key, EhcacheKeptDecodeTest.tampered(plain.get("sessions4j:" + key)));
        assertThat(engine.open(key).get("a")).as("changed in Redis: verified again").isNull();
    }
}
