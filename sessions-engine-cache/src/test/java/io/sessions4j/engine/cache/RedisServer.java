package io.sessions4j.engine.cache;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;

/**
 * A {@code redis-server} (or sentinel, or {@code valkey-server}) process that a test owns: started in the foreground
 * ({@code --daemonize no}) on a loopback port of this module's range, with its files in a
 * per-test directory, and stopped by its own process handle — never by name.
 */
final class RedisServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final List<String> command;
    private final boolean tls;
    private Process process;

    private RedisServer(int port, Path dir, List<String> command) {
        this(port, dir, command, false);
    }

    private RedisServer(int port, Path dir, List<String> command, boolean tls) {
        this.port = port;
        this.dir = dir;
        this.command = command;
        this.tls = tls;
    }

    /**
     * A server that speaks TLS only ({@code --port 0}) on {@code tlsPort}, presenting {@code cert} and
     * not asking clients for certificates.
     */
    static RedisServer tls(int tlsPort, Path dir, Path cert, Path key, Path ca, String... extra) {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", "0", "--tls-port",
                Integer.toString(tlsPort), "--bind", "127.0.0.1", "--daemonize", "no", "--save", "", "--appendonly", "no",
                "--dir", dir.toString(), "--logfile", dir.resolve("redis-" + tlsPort + ".log").toString(),
                "--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(),
                "--tls-ca-cert-file", ca.toString(), "--tls-auth-clients", "no"));
        command.addAll(List.of(extra));
        RedisServer server = new RedisServer(tlsPort, dir, command, true);
        server.start();
        return server;
    }

    /** A plain server; {@code extra} are more {@code --option value} arguments. */
    static RedisServer start(int port, Path dir, String... extra) {
        return start("redis-server", port, dir, extra);
    }

    /**
     * A plain Valkey server ({@link #valkeyBinary()}, 8.1 or later: one that has {@code SET … IFEQ}), as
     * {@link #start(int, Path, String...)} starts Redis.
     */
    static RedisServer valkey(int port, Path dir) {
        return start(valkeyBinary(), port, dir);
    }

    private static RedisServer start(String binary, int port, Path dir, String... extra) {
        List<String> command = new ArrayList<>(List.of(binary, "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--daemonize", "no", "--save", "", "--appendonly", "no",
                "--dir", dir.toString(), "--logfile", dir.resolve("redis-" + port + ".log").toString()));
        command.addAll(List.of(extra));
        RedisServer server = new RedisServer(port, dir, command);
        server.start();
        return server;
    }

    /** A sentinel from a configuration file of the caller's that speaks TLS only on {@code tlsPort}. */
    static RedisServer tlsSentinel(int tlsPort, Path dir, Path conf) {
        RedisServer server = new RedisServer(tlsPort, dir, List.of("redis-server", conf.toString(), "--sentinel"), true);
        server.start();
        return server;
    }

    /** A sentinel watching {@code masterName} at 127.0.0.1:{@code masterPort} (quorum 1). */
    static RedisServer sentinel(int port, Path dir, String masterName, int masterPort) {
        Path conf = dir.resolve("sentinel-" + port + ".conf");
        try {
            // Sentinel rewrites its configuration file, so it must be a writable file of its own.
            Files.writeString(conf, String.join("\n",
                    "port " + port,
                    "bind 127.0.0.1",
                    "daemonize no",
                    "dir " + dir,
                    "logfile " + dir.resolve("sentinel-" + port + ".log"),
                    "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " 1",
                    "sentinel down-after-milliseconds " + masterName + " 5000",
                    ""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RedisServer server = new RedisServer(port, dir, List.of("redis-server", conf.toString(), "--sentinel"));
        server.start();
        return server;
    }

    /** Skips the caller (locally) or fails it (CI) when the Redis binaries are not installed. */
    static void assumeBinaries() {
        TestServices.assumeRedis();
        boolean present = runs("redis-server", "--version") && runs("redis-cli", "--version");
        String message = "redis-server/redis-cli are not on the PATH";
        if (TestServices.required()) {
            Assertions.assertTrue(present, message + " and SESSIONS_TEST_REQUIRE_SERVICES=true");
        } else {
            Assumptions.assumeTrue(present, message + "; skipping");
        }
    }

    /**
     * The {@code valkey-server} the Valkey tests start: {@code SESSIONS_TEST_VALKEY_SERVER} (a path; {@code .ci/valkey}
     * builds one and prints it), else {@code valkey-server} on the PATH.
     */
    static String valkeyBinary() {
        String configured = System.getenv("SESSIONS_TEST_VALKEY_SERVER");
        return configured == null || configured.isBlank() ? "valkey-server" : configured;
    }

    /** Skips the caller (locally) or fails it (CI) when no {@link #valkeyBinary()} runs. */
    static void assumeValkey() {
        boolean present = runs(valkeyBinary(), "--version");
        String message = valkeyBinary() + " does not run (SESSIONS_TEST_VALKEY_SERVER, or valkey-server on the PATH: "
                + "bash .ci/valkey builds Valkey 8.1 from Debian's source)";
        if (TestServices.required()) {
            Assertions.assertTrue(present, message + " and SESSIONS_TEST_REQUIRE_SERVICES=true");
        } else {
            Assumptions.assumeTrue(present, message + "; skipping");
        }
    }

    /** Fails unless nothing listens on the ports this test is about to use. */
    static void assertFree(int... ports) {
        for (int p : ports) {
            Assertions.assertFalse(TestServices.reachable("127.0.0.1", p),
                    "port " + p + " of this module's test range is already in use");
        }
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        assertFree(port);
        try {
            process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("process-" + port + ".out").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis on port " + port + " exited: see " + dir);
            }
            if (answers()) {
                return;
            }
            pause(50);
        }
        stop();
        throw new IllegalStateException("redis on port " + port + " did not answer within 10 s: see " + dir);
    }

    /** Stops this process (SIGTERM, then SIGKILL after 5 s) and waits until it is gone. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** A cache engine on this server (key prefix {@code sessions4j:}, the system clock), signing with {@code secret}. */
    SessionEngine engine(String secret) {
        return engine(url(), secret);
    }

    /** {@link #engine(String)} through {@code url}: a server's URL with a user's credentials, say. */
    static SessionEngine engine(String url, String secret) {
        return new CacheEngineProvider().create(SessionSettings.of(Map.of(
                "sessions.secret.key", secret,
                "sessions.engine", "cache",
                "sessions.cache.backend", "redis",
                "sessions.cache.url", url)), Clock.systemUTC());
    }

    /** A plain client for looking underneath the engine. */
    Jedis client() {
        return new Jedis("127.0.0.1", port, 2000);
    }

    @Override
    public void close() {
        stop();
    }

    private boolean answers() {
        if (tls) {
            return TestServices.reachable("127.0.0.1", port);
        }
        try (Jedis jedis = new Jedis("127.0.0.1", port, 500)) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
