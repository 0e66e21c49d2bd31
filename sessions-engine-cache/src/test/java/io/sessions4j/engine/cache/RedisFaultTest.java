package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * E5 on Redis: a redis-server this test owns (port 6392, append-only file on) is stopped and
 * started again under a live engine; a server that accepts but never answers shows the timeout.
 * The {@code @Timeout}s only guard against a hang; no test measures time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisFaultTest {
    private static final int PORT = 6392;
    private static final String SECRET = "fault-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private Path dir;
    private RedisServer server;

    @BeforeAll
    void startRedis() {
        RedisServer.assumeBinaries();
        dir = TempDirs.create("fault");
        // Durable, so the session written before the outage is there after it.
        server = RedisServer.start(PORT, dir, "--appendonly", "yes", "--appendfsync", "always");
    }

    @AfterAll
    void stopRedis() {
        if (server != null) {
            server.stop();
        }
        TempDirs.delete(dir);
    }

    private SessionEngine engine(String url) {
        Map<String, String> props = new HashMap<>();
        props.put("sessions.secret.key", SECRET);
        props.put("sessions.engine", "cache");
        props.put("sessions.cache.backend", "redis");
        props.put("sessions.cache.url", url);
        props.put("sessions.cache.connect_timeout", "500");
        props.put("sessions.cache.read_timeout", "500");
        props.put("sessions.cache.pool.max_wait", "500");
        return new CacheEngineProvider().create(SessionSettings.of(props), Clock.systemUTC());
    }

    @Test
    @Timeout(30)
    @DisplayName("E5 Redis stopped: every operation fails with SessionStorageException naming the address; works again once it is back")
    void e5_redisStoppedAndBack() {
        try (SessionEngine engine = engine(server.url())) {
            SessionStore s = engine.open(null);
            s.put("user_id", 7);
            s.save();
            String key = s.getSessionKey();
            // Several idle pooled connections, all of which the restart will break.
            List<SessionStore> warm = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                warm.add(engine.open(key));
            }
            warm.parallelStream().forEach(w -> w.get("user_id"));

            server.stop();

            assertThatThrownBy(() -> engine.open(key).get("user_id"))
                    .isInstanceOf(SessionStorageException.class)
                    .hasMessageContaining("cache engine")
                    .hasMessageContaining("127.0.0.1:" + PORT);
            SessionStore fresh = engine.open(null);
            fresh.put("x", 1);
            assertThatThrownBy(fresh::save).isInstanceOf(SessionStorageException.class)
                    .hasMessageContaining("127.0.0.1:" + PORT);
            SessionStore loaded = engine.open(key);
            assertThatThrownBy(() -> loaded.exists(key)).isInstanceOf(SessionStorageException.class);

            server.start();

            SessionStore again = engine.open(key);
            assertThat(again.get("user_id")).isEqualTo(7); // not an empty session: the data survived
            again.put("after", true);
            again.save();
            assertThat(engine.open(key)).containsEntry("user_id", 7).containsEntry("after", true);
            SessionStore next = engine.open(null);
            next.put("x", 1);
            next.save();
            assertThat(engine.open(next.getSessionKey()).get("x")).isEqualTo(1);
        }
    }

    @Test
    @Timeout(30)
    @DisplayName("E5 Redis restarted while the pool was idle: the first request works (stale connections are dropped)")
    void e5_restartedWhileIdle() {
        try (SessionEngine engine = engine(server.url())) {
            SessionStore s = engine.open(null);
            s.put("user_id", 8);
            s.save();
            List<SessionStore> warm = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                warm.add(engine.open(s.getSessionKey()));
            }
            warm.parallelStream().forEach(w -> w.get("user_id"));

            server.stop();
            server.start();

            SessionStore after = engine.open(s.getSessionKey());
            assertThat(after.get("user_id")).isEqualTo(8);
            after.put("more", 1);
            after.save();
            assertThat(engine.open(s.getSessionKey())).containsEntry("more", 1);
        }
    }

    @Test
    @Timeout(30)
    @DisplayName("E5 Redis down at start-up: the engine does not start, and the message names the address")
    void e5_unreachableAtStartUp() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        assertThatThrownBy(() -> engine("redis://127.0.0.1:" + closedPort))
                .isInstanceOf(SessionStorageException.class)
                .hasMessageContaining("Redis at redis://127.0.0.1:" + closedPort);
    }

    @Test
    @Timeout(30)
    @DisplayName("E5 a Redis that accepts but never answers fails after the read timeout instead of hanging")
    void e5_noAnswerTimesOut() throws IOException {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // never reads, never writes
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            assertThatThrownBy(() -> engine("redis://127.0.0.1:" + silent.getLocalPort()))
                    .isInstanceOf(SessionStorageException.class)
                    .hasMessageContaining("127.0.0.1:" + silent.getLocalPort())
                    .hasMessageContaining("timed out");
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    @Timeout(30)
    @DisplayName("E5 a paused Redis: the request fails after the read timeout; the next one works")
    void e5_pausedRedisTimesOut() {
        try (SessionEngine engine = engine(server.url()); Jedis admin = server.client()) {
            SessionStore s = engine.open(null);
            s.put("a", 1);
            s.save();
            // Every client's commands (CLIENT UNPAUSE included) wait 1.5 s: longer than the 500 ms read timeout.
            admin.clientPause(1500);
            assertThatThrownBy(() -> engine.open(s.getSessionKey()).get("a"))
                    .isInstanceOf(SessionStorageException.class)
                    .hasMessageContaining("127.0.0.1:" + PORT)
                    .hasMessageContaining("timed out");
            assertThat(admin.ping()).isEqualTo("PONG"); // answered once the pause is over
            assertThat(engine.open(s.getSessionKey()).get("a")).isEqualTo(1);
        }
    }
}
