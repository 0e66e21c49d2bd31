package io.sessions4j.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the real services for tests are, and what to do when one is missing: skip on a developer
 * machine, fail in CI ({@code SESSIONS_TEST_REQUIRE_SERVICES=true}), so a CI run can never pass by
 * silently skipping the PostgreSQL, MariaDB or Redis tests.
 */
public final class TestServices {
    private TestServices() {
    }

    /** {@code SESSIONS_TEST_PG_URL}, default the local PostgreSQL's {@code test} database as {@code postgres}. */
    public static String postgresUrl() {
        return env("SESSIONS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }

    /** {@code SESSIONS_TEST_REDIS_URL}, default the local Redis. */
    public static String redisUrl() {
        return env("SESSIONS_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    }

    /**
     * {@code SESSIONS_TEST_MARIADB_URL}, default the local MariaDB's {@code test} database as {@code root}
     * without a password.
     */
    public static String mariadbUrl() {
        return env("SESSIONS_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    }

    /** Whether a missing service must fail the build. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getenv("SESSIONS_TEST_REQUIRE_SERVICES"));
    }

    /** Skips (locally) or fails (CI) the calling test unless PostgreSQL answers on its port. */
    public static void assumePostgres() {
        URI uri = URI.create(postgresUrl().substring("jdbc:".length()));
        assumeReachable("PostgreSQL", uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
    }

    /** Skips (locally) or fails (CI) the calling test unless MariaDB answers on its port. */
    public static void assumeMariaDb() {
        URI uri = URI.create(mariadbUrl().substring("jdbc:".length()));
        assumeReachable("MariaDB", uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort());
    }

    /** Skips (locally) or fails (CI) the calling test unless Redis answers on its port. */
    public static void assumeRedis() {
        URI uri = URI.create(redisUrl());
        assumeReachable("Redis", uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    /** Skips or fails unless {@code host:port} accepts a TCP connection within one second. */
    public static void assumeReachable(String service, String host, int port) {
        boolean up = reachable(host, port);
        String message = service + " is not reachable at " + host + ":" + port;
        if (required()) {
            Assertions.assertTrue(up, message + " and SESSIONS_TEST_REQUIRE_SERVICES=true");
        } else {
            Assumptions.assumeTrue(up, message + "; skipping (set SESSIONS_TEST_REQUIRE_SERVICES=true to fail instead)");
        }
    }

    /** Whether {@code host:port} accepts a TCP connection within one second. */
    public static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
