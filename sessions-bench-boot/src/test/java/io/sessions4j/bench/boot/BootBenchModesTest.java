package io.sessions4j.bench.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.testkit.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import redis.clients.jedis.JedisPooled;

/**
 * Each mode of the benchmark application on the real PostgreSQL or Redis: a session created through the application
 * comes back on {@code /read}, a value changed by {@code /write} is the value the mode's session layer stored in its
 * backend, the cookie is the mode's own (so the other side, or Tomcat's in-memory sessions, did not answer), and the
 * mode's storage is gone once the application stopped.
 */
class BootBenchModesTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aWriteIsStoredInTheModesBackendAndReadBack(Mode mode) throws Exception {
        if (mode.backend().equals("redis")) {
            TestServices.assumeRedis();
        } else {
            TestServices.assumePostgres();
        }
        String prefix = "s4j_boottest_" + Long.toString(System.nanoTime(), 36);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BootBenchApplication.class)
                .profiles(mode.profile())
                // Arguments, not builder properties: those are defaults, below application.properties.
                .run("--server.port=0", "--bench.prefix=" + prefix,
                        "--spring.datasource.url=" + TestServices.postgresUrl(),
                        "--spring.data.redis.url=" + TestServices.redisUrl());
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            assertThat(get(port, "/read", null).statusCode()).as("no session, no read").isEqualTo(404);

            HttpResponse<String> created = get(port, "/create?n=7", null);
            assertThat(created.statusCode()).isEqualTo(200);
            String cookie = created.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).as("the session cookie of " + mode).startsWith(mode.cookie() + "=");
            String pair = cookie.substring(0, cookie.indexOf(';'));
            String value = pair.substring(pair.indexOf('=') + 1);

            HttpResponse<String> written = get(port, "/write", pair);
            assertThat(written.statusCode()).isEqualTo(200);
            long lastSeen = Long.parseLong(written.body());

            HttpResponse<String> read = get(port, "/read", pair);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).isEqualTo("100007");
            if (mode.cookie().equals("sessionid")) {
                assertThat(read.headers().firstValue("Set-Cookie")).as("sessions4j does not save on a read").isEmpty();
            }

            assertThat(stored(mode, context, value)).as("last_seen in the backend of " + mode).contains(lastSeen);
            assertThat(rawRecordExists(mode, context, prefix, value)).as("the record in the backend").isTrue();
        } finally {
            context.close();
        }
        assertThat(leftovers(mode, prefix)).as("storage of " + mode + " removed on stop").isFalse();
    }

    private HttpResponse<String> get(int port, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of last_seen as the mode's own session layer loads it from its backend. */
    @SuppressWarnings("unchecked")
    private static Optional<Long> stored(Mode mode, ConfigurableApplicationContext context, String cookieValue) {
        if (mode.cookie().equals("sessionid")) {
            return Optional.ofNullable(context.getBean(SessionEngine.class).open(cookieValue)
                    .get(SessionController.WRITE_KEY, Long.class));
        }
        SessionRepository<Session> repository = context.getBean(SessionRepository.class);
        Session session = repository.findById(springSessionId(cookieValue));
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(SessionController.WRITE_KEY));
    }

    /** Spring Session's cookie carries the session id in Base64. */
    private static String springSessionId(String cookieValue) {
        return new String(Base64.getDecoder().decode(cookieValue), StandardCharsets.UTF_8);
    }

    /** The record itself, looked up in the table or Redis without the session layer. */
    private static boolean rawRecordExists(Mode mode, ConfigurableApplicationContext context, String prefix,
                                           String cookieValue) throws Exception {
        return switch (mode) {
            case SPRING_JDBC -> rowExists(context.getBean(DataSource.class),
                    "SELECT 1 FROM " + prefix + "_spring_session WHERE session_id = ?", springSessionId(cookieValue));
            case SESSIONS4J_DB -> rowExists(context.getBean(DataSource.class),
                    "SELECT 1 FROM \"" + prefix + "_s4j_session\" WHERE session_key = ?", cookieValue);
            case SPRING_REDIS -> redisKeyExists(prefix + ":spring:session:sessions:" + springSessionId(cookieValue));
            case SESSIONS4J_REDIS -> redisKeyExists(prefix + ":s4j:" + cookieValue);
        };
    }

    private static boolean rowExists(DataSource dataSource, String sql, String key) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean redisKeyExists(String key) {
        try (JedisPooled jedis = new JedisPooled(URI.create(TestServices.redisUrl()))) {
            return jedis.exists(key);
        }
    }

    private static boolean leftovers(Mode mode, String prefix) throws Exception {
        if (mode.backend().equals("redis")) {
            try (JedisPooled jedis = new JedisPooled(URI.create(TestServices.redisUrl()))) {
                return !jedis.keys(prefix + ":*").isEmpty();
            }
        }
        try (Connection c = DriverManager.getConnection(TestServices.postgresUrl());
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.tables WHERE table_name LIKE ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
