package io.sessions4j.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.TestServices;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The db engine on the real PostgreSQL behind Vert.x: blocking JDBC never holds an event loop. */
class VertxLockedSessionTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    @DisplayName("A session whose row is locked in PostgreSQL delays only its own request; the event loop never blocks")
    void lockedRowDelaysOnlyItsOwnRequest() throws Exception {
        TestServices.assumePostgres();
        String table = "vertx_lock_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        SessionSettings settings = SessionSettings.of(Map.of("sessions.engine", "db",
                "sessions.db.url", TestServices.postgresUrl(), "sessions.db.table", table,
                "sessions.secret.key", "vertx-locked-session-test-secret"));
        // One event loop: every connection shares one context, where ordered worker tasks would queue behind the stuck one.
        try (SessionEngine engine = SessionEngines.load(settings); VertxTestServer server = new VertxTestServer(1)) {
            Router router = Router.router(server.vertx);
            VertxSessions.mount(router, engine);
            router.get("/put").handler(rc -> {
                VertxSessions.store(rc).put(rc.queryParams().get("k"), rc.queryParams().get("v"));
                VertxSessions.flush(rc).onSuccess(v -> rc.end("ok"));
            });
            router.get("/get").handler(rc -> rc.end(String.valueOf(VertxSessions.store(rc).get(rc.queryParams().get("k")))));
            router.get("/untouched").handler(rc -> rc.end("hello"));
            URI base = server.serve(router);
            String locked = sessionKey(get(base, "/put?k=a&v=1", null));
            String other = sessionKey(get(base, "/put?k=b&v=1", null));

            CompletableFuture<HttpResponse<String>> stuck;
            try (Connection lock = DriverManager.getConnection(TestServices.postgresUrl())) {
                lock.setAutoCommit(false);
                try (PreparedStatement select = lock.prepareStatement(
                        "SELECT 1 FROM \"" + table + "\" WHERE session_key = ? FOR UPDATE")) {
                    select.setString(1, locked);
                    select.executeQuery().close();
                }
                stuck = HTTP.sendAsync(request(base, "/put?k=a&v=2", locked), HttpResponse.BodyHandlers.ofString());
                awaitLockWaiter(table);

                // Meanwhile: another session's write, a read, a request without a session all answer.
                assertThat(get(base, "/put?k=b&v=2", other).statusCode()).isEqualTo(200);
                assertThat(get(base, "/get?k=b", other).body()).isEqualTo("2");
                assertThat(get(base, "/untouched", null).body()).isEqualTo("hello");
                assertThat(stuck).as("the request on the locked row is still waiting").isNotDone();
                // Long enough for the checker to report an event loop held by the waiting save.
                Thread.sleep(4 * VertxTestServer.MAX_EVENT_LOOP_MILLIS);
                lock.rollback();
            }
            HttpResponse<String> released = stuck.get(30, TimeUnit.SECONDS);
            assertThat(released.statusCode()).isEqualTo(200);
            assertThat(engine.open(locked).get("a")).isEqualTo("2");
            assertThat(server.blocked).as("blocked-thread checker events").isEmpty();
        } finally {
            try (Connection c = DriverManager.getConnection(TestServices.postgresUrl()); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
                s.execute("DROP TABLE IF EXISTS \"" + table + "_s4j_history\"");
                s.execute("DROP TABLE IF EXISTS \"" + table + "_principal\""); // sessions by user (migration V2)
            }
        }
    }

    /** Waits (at most 20 s) until a statement on {@code table} waits for a lock in PostgreSQL. */
    private static void awaitLockWaiter(String table) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection c = DriverManager.getConnection(TestServices.postgresUrl());
             PreparedStatement waiting = c.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE wait_event_type = 'Lock' AND query LIKE ?")) {
            waiting.setString(1, "%" + table + "%");
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = waiting.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no statement ever waited for the row lock");
    }

    private static HttpRequest request(URI base, String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            builder.header("Cookie", "sessionid=" + key);
        }
        return builder.build();
    }

    private static HttpResponse<String> get(URI base, String path, String key) throws Exception {
        return HTTP.send(request(base, path, key), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionKey(HttpResponse<String> response) {
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring("sessionid=".length(), cookie.indexOf(';'));
    }
}
