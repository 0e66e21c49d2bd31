package io.sessions4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.TestServices;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo on every engine it ships with, configured only through {@code sessions.*} settings (as
 * {@code --config} or {@code SESSIONS_*} would): write, restart the app, read back, cycle, flush.
 * An engine whose module is not on the class path is skipped; PostgreSQL and Redis follow
 * {@link TestServices} (skip locally, fail in CI when missing).
 */
class EnginesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNIQUE = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @TempDir
    Path temp;

    private DemoServer server;
    private String pgTable;

    /** One way to run the demo: the engine's module, its settings, and what its storage promises. */
    record Setup(String name, String engine, Function<Path, Map<String, String>> settings, boolean survivesRestart,
                 boolean serverSide) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Setup> setups() {
        return Stream.of(
                new Setup("db on an H2 file", "db", dir -> Map.of("sessions.db.url", "jdbc:h2:file:" + dir.resolve("h2")),
                        true, true),
                new Setup("db on PostgreSQL", "db", dir -> Map.of(
                        "sessions.db.url", TestServices.postgresUrl(), "sessions.db.table", "demo_test_" + UNIQUE),
                        true, true),
                new Setup("file", "file", dir -> Map.of("sessions.file.path", dir.toString()), true, true),
                new Setup("cache on Ehcache", "cache", dir -> Map.of("sessions.cache.backend", "ehcache"), false, true),
                new Setup("cache on Redis", "cache", dir -> Map.of("sessions.cache.backend", "redis",
                        "sessions.cache.url", TestServices.redisUrl(), "sessions.cache.key_prefix", "demo-test-" + UNIQUE + ":"),
                        true, true),
                new Setup("cached_db on H2 and Ehcache", "cached_db",
                        dir -> Map.of("sessions.db.url", "jdbc:h2:file:" + dir.resolve("h2")), true, true),
                new Setup("signed_cookies", "signed_cookies", dir -> Map.of(), true, false));
    }

    @AfterEach
    void cleanUp() throws SQLException {
        if (server != null) {
            server.stop();
        }
        if (pgTable != null) {
            try (Connection c = DriverManager.getConnection(TestServices.postgresUrl()); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + pgTable);
                s.execute("DROP TABLE IF EXISTS " + pgTable + "_s4j_history");
                s.execute("DROP TABLE IF EXISTS " + pgTable + "_principal"); // sessions by user (migration V2)
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    @DisplayName("Write, restart, read back, cycle, flush")
    void demo_on_engine(Setup setup) throws Exception {
        assumeTrue(SessionEngines.providers().stream().anyMatch(p -> p.name().equals(setup.engine())),
                "engine " + setup.engine() + " is not a dependency of the demo");
        if (setup.name().contains("PostgreSQL")) {
            TestServices.assumePostgres();
            pgTable = "demo_test_" + UNIQUE;
        } else if (setup.name().contains("Redis")) {
            TestServices.assumeRedis();
        }
        Map<String, String> properties = new LinkedHashMap<>(setup.settings().apply(temp));
        properties.put("sessions.engine", setup.engine());
        properties.put("sessions.secret.key", "engines-test-secret");
        SessionSettings settings = SessionSettings.of(properties);

        server = new DemoServer(settings, "127.0.0.1", 0);
        server.start();
        TestClient client = new TestClient(server.uri());
        assertThat(client.get("/").body()).contains("id=\"engine\">" + setup.engine() + "<");

        HttpResponse<String> patched = client.send("PATCH", "/api/session", "{\"cart\": {\"tea\": 2}, \"user\": \"ada\"}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        String firstKey = client.cookie("sessionid");
        assertThat(firstKey).isNotBlank();

        if (setup.survivesRestart()) {
            server.stop();
            server = new DemoServer(settings, "127.0.0.1", 0);
            server.start();
            client = withCookie(firstKey);
        }
        JsonNode read = json(client.get("/api/session"));
        assertThat(read.get("data").get("user").asText()).isEqualTo("ada");
        assertThat(read.get("data").get("cart").get("tea").asInt()).isEqualTo(2);
        assertThat(client.get("/cart").body()).contains("data-sku=\"tea\"");

        JsonNode cycled = json(client.send("POST", "/api/session/cycle", null));
        assertThat(cycled.get("session_key").asText()).isNotEqualTo(firstKey);
        assertThat(cycled.get("data").get("user").asText()).isEqualTo("ada");

        JsonNode flushed = json(client.send("POST", "/api/session/flush", null));
        assertThat(flushed.get("data").size()).isZero();
        assertThat(client.cookie("sessionid")).isNull();
        if (setup.serverSide()) {
            assertThat(json(withCookie(firstKey).get("/api/session")).get("data").size())
                    .as("the key from before cycleKey names nothing").isZero();
        }
    }

    private TestClient withCookie(String key) {
        TestClient client = new TestClient(server.uri());
        client.setCookie("sessionid", key);
        return client;
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
