package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.UpdateException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The compare-and-set by {@code SET … IFEQ} (issue #20), counted with {@code INFO commandstats} on a Valkey this test
 * owns (port 6394, one per test): what it compares, that it never revives a deleted session, and that a server which
 * refuses it later (a fail-over to an older Redis behind the same address) turns the engine back to the Lua script
 * instead of failing saves.
 */
class ValkeySetIfEqualTest {
    private static final int PORT = 6394;
    private static final String SECRET = "valkey-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static final Duration TTL = Duration.ofMinutes(1);

    private Path dir;

    @BeforeEach
    void createDir() {
        RedisServer.assumeValkey();
        RedisServer.assertFree(PORT);
        dir = TempDirs.create("valkey-ifeq");
    }

    @AfterEach
    void deleteDir() {
        TempDirs.delete(dir);
    }

    private static SessionCache cache(SessionEngine engine) {
        return ((CacheSessionStorage) ((StorageSessionEngine) engine).storage()).cache();
    }

    private static String signed(SessionEngine engine, Map<String, Object> data) {
        return ((StorageSessionEngine) engine).context().codec().encode(data, Instant.now());
    }

    @Test
    @DisplayName("E3 the whole stored value is compared: another signature, a byte more or less, another unsigned value never match")
    void comparesTheWholeValue() {
        try (RedisServer server = RedisServer.valkey(PORT, dir); SessionEngine engine = server.engine(SECRET);
             Jedis plain = server.client()) {
            comparesTheWholeValue(cache(engine), signed(engine, Map.of("a", 1)), plain);
        }
    }

    private static void comparesTheWholeValue(SessionCache cache, String value, Jedis plain) {
        String key = "ifeqwhole0123456789abcdefghijklm";
        String stored = "sessions4j:" + key;
        Map<String, Long> before = RedisKeys.commandCalls(plain);

        cache.set(key, value.substring(0, value.length() - 1) + (value.endsWith("A") ? "B" : "A"), TTL);
        assertThat(cache.compareAndSet(key, value, "next", TTL)).as("another signature").isFalse();
        cache.set(key, "x" + value, TTL);
        assertThat(cache.compareAndSet(key, value, "next", TTL)).as("one byte longer").isFalse();
        cache.set(key, value.substring(1), TTL);
        assertThat(cache.compareAndSet(key, value, "next", TTL)).as("one byte shorter").isFalse();
        cache.set(key, "xabc", TTL);
        assertThat(cache.compareAndSet(key, "yabc", "n", TTL)).as("unsigned, differs").isFalse();
        assertThat(RedisKeys.delta(before, RedisKeys.commandCalls(plain))).as("no script").isEqualTo(Map.of("set", 8L));
        assertThat(plain.get(stored)).isEqualTo("xabc");

        cache.set(key, value, TTL);
        assertThat(cache.compareAndSet(key, value, "next", TTL)).isTrue();
        assertThat(plain.get(stored)).isEqualTo("next");
        assertThat(plain.pttl(stored)).isBetween(50_000L, 60_000L);
        String accented = "é" + value;
        cache.set(key, accented, TTL);
        assertThat(cache.compareAndSet(key, "e" + value, "n", TTL)).as("as many characters, other bytes").isFalse();
        assertThat(cache.compareAndSet(key, accented, "ünsigned ✓", TTL)).isTrue();
        assertThat(cache.compareAndSet(key, "ünsigned ✓", "", TTL)).isTrue();
        assertThat(cache.compareAndSet(key, "", "n", TTL)).as("an empty stored value").isTrue();
        assertThat(plain.get(stored)).isEqualTo("n");
    }

    @Test
    @DisplayName("E1 a save after the key vanished is one SET IFEQ that writes nothing, then the store's GET: UpdateException, no resurrection")
    void vanishedSessionIsNotRevived() {
        try (RedisServer server = RedisServer.valkey(PORT, dir); SessionEngine engine = server.engine(SECRET);
             Jedis plain = server.client()) {
            vanishedSessionIsNotRevived(engine, plain);
        }
    }

    private static void vanishedSessionIsNotRevived(SessionEngine engine, Jedis plain) {
        SessionStore created = engine.open(null);
        created.put("a", 1);
        created.save();
        String key = created.getSessionKey();
        SessionStore s = engine.open(key);
        s.get("a");
        plain.del("sessions4j:" + key);
        Map<String, Long> before = RedisKeys.commandCalls(plain);
        s.put("b", 2);
        assertThatThrownBy(s::save).isInstanceOf(UpdateException.class);
        assertThat(RedisKeys.delta(before, RedisKeys.commandCalls(plain))).isEqualTo(Map.of("set", 1L, "get", 1L));
        assertThat(plain.exists("sessions4j:" + key)).isFalse();
        assertThat(cache(engine).compareAndSet("missing0123456789abcdefghijklmno", "", "revived", TTL)).isFalse();
        assertThat(plain.exists("sessions4j:missing0123456789abcdefghijklmno")).isFalse();
    }

    @Test
    @DisplayName("G4 an ACL user with only GET, SET, DEL and EXISTS on the prefix: no script, concurrent saves both survive, the same compare-and-set")
    void aclUserWithoutScriptingIsEnough() {
        try (RedisServer server = RedisServer.valkey(PORT, dir); Jedis admin = server.client()) {
            admin.aclSetUser("app", "on", ">app-pa55", "~sessions4j:*", "resetchannels", "-@all",
                    "+get", "+set", "+del", "+exists");
            try (SessionEngine engine = RedisServer.engine("redis://app:app-pa55@127.0.0.1:" + PORT, SECRET)) {
                RedisAclTest.concurrentSavesBothSurviveAndDeletedStaysDeleted(engine);
                RedisAclTest.compareAndSetMatchesOnlyTheSameValue(engine);
            }
            assertThat(RedisKeys.commandCalls(admin)).doesNotContainKeys("evalsha", "eval", "script|load");
        }
    }

    @Test
    @DisplayName("E4 when the server behind the URL no longer knows IFEQ (Redis 7 after a fail-over), saves go on with the Lua script")
    void olderServerLaterTurnsSavesToTheScript() {
        RedisServer.assumeBinaries();
        RedisServer valkey = RedisServer.valkey(PORT, dir);
        try (SessionEngine engine = valkey.engine(SECRET)) {
            SessionStore created = engine.open(null);
            created.put("a", 1);
            created.save();
            valkey.stop();
            try (RedisServer redis = RedisServer.start(PORT, dir); Jedis plain = redis.client()) {
                // Redis 7: SET … IFEQ is a syntax error there.
                SessionStore fresh = engine.open(null);
                fresh.put("a", 1);
                fresh.save(); // the pool's stale connections are dropped and retried once
                String key = fresh.getSessionKey();
                SessionStore s = engine.open(key);
                s.put("b", 2);
                s.save();
                assertThat(engine.open(key)).containsEntry("a", 1).containsEntry("b", 2);
                assertThat(RedisKeys.commandCalls(plain)).containsKey("evalsha");

                Map<String, Long> before = RedisKeys.commandCalls(plain);
                SessionStore again = engine.open(key);
                again.put("c", 3);
                again.save();
                assertThat(RedisKeys.delta(before, RedisKeys.commandCalls(plain))).as("from then on: GET + EVALSHA")
                        .containsEntry("get", 1L).containsEntry("evalsha", 1L).doesNotContainKey("eval");
                assertThat(engine.open(key)).containsEntry("c", 3);
            }
        } finally {
            valkey.stop();
        }
    }
}
