package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The contract (A, B, C, E1–E4) on Valkey 8.1 or later (port 6393, started by this test), where every save's
 * compare-and-set is {@code SET … IFEQ} instead of the Lua script (issue #20): the same rules, checked by the server
 * on the whole stored value.
 */
class ValkeyEngineContractTest extends RedisContract {
    static final int PORT = 6393;

    /** Started before the contract's own {@code @BeforeAll} builds the engine, stopped after its {@code @AfterAll}. */
    @RegisterExtension
    static final Valkey VALKEY = new Valkey();

    @Override
    protected String redisUrl() {
        return VALKEY.server.url();
    }

    @Test
    @DisplayName("issue #20: on Valkey a save is GET + SET IFEQ, and no script is ever loaded or run")
    void saveIsGetAndSetIfEqual() {
        String key = saved(Map.of("a", 1));
        try (Jedis plain = VALKEY.server.client()) {
            Map<String, Long> before = RedisKeys.commandCalls(plain);
            SessionStore s = engine.open(key);
            s.put("b", 2);
            s.save();
            assertThat(RedisKeys.delta(before, RedisKeys.commandCalls(plain))).isEqualTo(Map.of("get", 1L, "set", 1L));
            assertThat(RedisKeys.commandCalls(plain)).doesNotContainKeys("evalsha", "eval", "script|load");
        }
        assertThat(engine.open(key)).containsEntry("a", 1).containsEntry("b", 2);
    }

    static final class Valkey implements BeforeAllCallback, AfterAllCallback {
        private Path dir;
        private RedisServer server;

        @Override
        public void beforeAll(ExtensionContext context) {
            RedisServer.assumeValkey();
            RedisServer.assertFree(PORT);
            dir = TempDirs.create("valkey");
            server = RedisServer.valkey(PORT, dir);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (server != null) {
                server.stop();
            }
            TempDirs.delete(dir);
        }
    }
}
