package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;

/**
 * G4 against a locked-down Redis like managed services run (an ACL user limited to the session
 * commands and the key prefix, no SCRIPT/CONFIG/KEYS), on a redis-server this test owns (port 6392).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisAclTest {
    private static final int PORT = 6392;
    private static final String SECRET = "acl-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private Path dir;
    private RedisServer server;

    @BeforeAll
    void startRedis() {
        RedisServer.assumeBinaries();
        dir = TempDirs.create("acl");
        server = RedisServer.start(PORT, dir);
        try (Jedis admin = server.client()) {
            admin.aclSetUser("app", "on", ">app-pa55", "~sessions4j:*", "resetchannels", "-@all",
                    "+get", "+set", "+del", "+exists", "+eval", "+evalsha");
        }
    }

    @AfterAll
    void stopRedis() {
        if (server != null) {
            server.stop();
        }
        TempDirs.delete(dir);
    }

    private SessionEngine engine(String url) {
        return RedisServer.engine(url, SECRET);
    }

    @Test
    @DisplayName("G4 an ACL user with GETRANGE: saves run the script that reads only the value's tail, concurrent saves both survive")
    void g4_userWithGetrangeComparesTheTail() {
        try (Jedis admin = server.client()) {
            admin.aclSetUser("tail", "on", ">tail-pa55", "~sessions4j:*", "resetchannels", "-@all",
                    "+get", "+getrange", "+set", "+del", "+exists", "+eval", "+evalsha");
            try (SessionEngine engine = engine("redis://tail:tail-pa55@127.0.0.1:" + PORT)) {
                Map<String, Long> before = RedisKeys.commandCalls(admin);
                concurrentSavesBothSurviveAndDeletedStaysDeleted(engine);
                Map<String, Long> delta = RedisKeys.delta(before, RedisKeys.commandCalls(admin));
                assertThat(delta).containsKey("getrange");
                assertThat(delta.get("get")).as("only the reads' GETs: the script reads no whole value")
                        .isEqualTo(7L);
                compareAndSetMatchesOnlyTheSameValue(engine);
            }
        }
    }

    @Test
    @DisplayName("G4 an ACL user without GETRANGE (the list before issue #20): saves read the whole value with GET, same compare-and-set")
    void g4_userWithoutGetrangeFallsBackToGet() {
        try (Jedis admin = server.client();
                SessionEngine engine = engine("redis://app:app-pa55@127.0.0.1:" + PORT)) {
            Map<String, Long> before = RedisKeys.commandCalls(admin);
            concurrentSavesBothSurviveAndDeletedStaysDeleted(engine);
            compareAndSetMatchesOnlyTheSameValue(engine);
            Map<String, Long> delta = RedisKeys.delta(before, RedisKeys.commandCalls(admin));
            assertThat(delta).doesNotContainKey("getrange");
        }
    }

    /**
     * Either script: every pair of stored and expected values matches exactly when they are equal — a missing key
     * never, an empty value only an empty one, a value one byte longer or shorter or with another signature never.
     */
    static void compareAndSetMatchesOnlyTheSameValue(SessionEngine engine) {
        StorageSessionEngine storageEngine = (StorageSessionEngine) engine;
        SessionCache cache = ((CacheSessionStorage) storageEngine.storage()).cache();
        String signed = storageEngine.context().codec().encode(Map.of("a", 1), java.time.Instant.now());
        String otherSignature = signed.substring(0, signed.length() - 1) + (signed.endsWith("A") ? "B" : "A");
        List<String> values = List.of("", "a", signed, signed + "x", signed.substring(1), otherSignature,
                "é" + signed, "e" + signed, "ünsigned ✓", "ünsigned ✓✓");
        Duration ttl = Duration.ofMinutes(1);
        String key = "casmatrix0123456789abcdefghijklm";
        for (String expected : values) {
            cache.delete(key);
            assertThat(cache.compareAndSet(key, expected, "next", ttl)).as("missing, expected %s", expected).isFalse();
            assertThat(cache.exists(key)).isFalse();
            for (String stored : values) {
                cache.set(key, stored, ttl);
                assertThat(cache.compareAndSet(key, expected, "next", ttl))
                        .as("stored %s, expected %s", stored, expected).isEqualTo(stored.equals(expected));
            }
        }
        cache.delete(key);
    }

    /**
     * Two requests that changed different keys of one session both survive (the second save's compare-and-set fails,
     * the store reads again and merges); a session deleted by one request is not written back by another. 7 GETs
     * from the client: 2 loads and the merge's re-read, the check, 1 load, the re-read that finds it gone, the check.
     */
    static void concurrentSavesBothSurviveAndDeletedStaysDeleted(SessionEngine engine) {
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.save();
        String key = s.getSessionKey();
        SessionStore first = engine.open(key);
        SessionStore second = engine.open(key);
        first.put("b", 2);
        second.put("c", 3);
        first.save();
        second.save();
        assertThat(engine.open(key)).containsEntry("a", 1).containsEntry("b", 2).containsEntry("c", 3);

        SessionStore late = engine.open(key);
        late.put("d", 4);
        s.delete();
        assertThatThrownBy(late::save).isInstanceOf(io.sessions4j.api.UpdateException.class);
        assertThat(engine.open(key).keySet()).isEmpty();
    }

    @Test
    @DisplayName("G4 an ACL user limited to GET/SET/DEL/EXISTS/EVAL/EVALSHA on the prefix runs every operation")
    void g4_restrictedUserWorks() {
        try (SessionEngine engine = engine("redis://app:app-pa55@127.0.0.1:" + PORT)) {
            SessionStore s = engine.open(null);
            s.put("a", 1);
            s.save();
            SessionStore again = engine.open(s.getSessionKey());
            again.put("b", 2);
            again.save(); // EVALSHA, NOSCRIPT, then EVAL: SCRIPT LOAD was refused at start-up
            again.put("c", 3);
            again.save();
            again.cycleKey();
            assertThat(engine.open(again.getSessionKey())).containsEntry("a", 1).containsEntry("b", 2)
                    .containsEntry("c", 3);
            assertThat(engine.open(s.getSessionKey()).keySet()).isEmpty();
        }
    }

    @Test
    @DisplayName("G4 wrong credentials fail at start-up naming the address, never showing the password")
    void g4_wrongPasswordFailsAtStartUp() {
        assertThatThrownBy(() -> engine("redis://app:wrong-pa55@127.0.0.1:" + PORT))
                .isInstanceOf(SessionStorageException.class)
                .hasMessageContaining("redis://127.0.0.1:" + PORT)
                .hasMessageNotContaining("wrong-pa55");
    }

    @Test
    @DisplayName("G4 a user without rights on the key prefix fails at start-up, not at the first request")
    void g4_noRightsOnPrefixFailsAtStartUp() {
        try (Jedis admin = server.client()) {
            admin.aclSetUser("elsewhere", "on", ">else-pa55", "~other:*", "-@all", "+get", "+set", "+del", "+exists",
                    "+eval", "+evalsha");
        }
        assertThatThrownBy(() -> engine("redis://elsewhere:else-pa55@127.0.0.1:" + PORT))
                .isInstanceOf(SessionStorageException.class)
                .hasMessageContaining("NOPERM")
                .hasMessageContaining("redis://127.0.0.1:" + PORT);
    }
}
