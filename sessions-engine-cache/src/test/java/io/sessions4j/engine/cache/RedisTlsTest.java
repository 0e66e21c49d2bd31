package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue #21 item 1 (CONFORMANCE S2): {@code rediss://} verifies the server's host name. A CA made
 * here with openssl signs two server certificates, one for {@code localhost}/127.0.0.1 and one for
 * {@code attacker.example}, and a third for 127.0.0.1 alone; Redis servers, a sentinel and a
 * three-node Cluster started on this module's ports 7401-7413 present them.
 * The engine trusts the CA through {@code sessions.cache.tls.ca_file}.
 */
class RedisTlsTest {
    private static final String SECRET = "redis-tls-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static final int RIGHT_NAME_PORT = 7401;
    private static final int WRONG_NAME_PORT = 7402;
    private static final int WRONG_NAME_SENTINEL_PORT = 7403;
    /** Their cluster bus ports are 17411-17413. */
    private static final int[] CLUSTER_PORTS = {7411, 7412, 7413};

    private static Path dir;
    private static final List<RedisServer> servers = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        RedisServer.assumeBinaries();
        RedisServer.assertFree(RIGHT_NAME_PORT, WRONG_NAME_PORT, WRONG_NAME_SENTINEL_PORT);
        RedisServer.assertFree(CLUSTER_PORTS);
        RedisServer.assertFree(java.util.Arrays.stream(CLUSTER_PORTS).map(p -> p + 10000).toArray());
        dir = TempDirs.create("tls");
        try {
            openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=sessions4j test CA",
                    "-keyout", "ca.key", "-out", "ca.pem");
            certificate("right", "DNS:localhost,IP:127.0.0.1");
            certificate("wrong", "DNS:attacker.example");
            servers.add(RedisServer.tls(RIGHT_NAME_PORT, dir, dir.resolve("right.pem"), dir.resolve("right.key"),
                    dir.resolve("ca.pem")));
            servers.add(RedisServer.tls(WRONG_NAME_PORT, dir, dir.resolve("wrong.pem"), dir.resolve("wrong.key"),
                    dir.resolve("ca.pem")));
        } catch (RuntimeException | Error | IOException e) {
            stopServers();
            throw e;
        }
    }

    @AfterAll
    static void stopServers() {
        servers.forEach(RedisServer::stop);
        servers.clear();
        TempDirs.delete(dir);
    }

    private static SessionEngine engine(String url) {
        Map<String, String> props = new HashMap<>();
        props.put("sessions.secret.key", SECRET);
        props.put("sessions.engine", "cache");
        props.put("sessions.cache.backend", "redis");
        props.put("sessions.cache.url", url);
        props.put("sessions.cache.tls.ca_file", dir.resolve("ca.pem").toString());
        props.put("sessions.cache.key_prefix", "sessions4j-tls-test:");
        return new CacheEngineProvider().create(SessionSettings.of(props), Clock.systemUTC());
    }

    @Test
    @DisplayName("S2 rediss:// to a server whose certificate names the host: sessions are stored and read")
    void rightNameAccepted() {
        for (String host : List.of("localhost", "127.0.0.1")) {
            try (SessionEngine engine = engine("rediss://" + host + ":" + RIGHT_NAME_PORT)) {
                SessionStore s = engine.open(null);
                s.put("over", "tls");
                s.save();
                assertThat(engine.open(s.getSessionKey()).get("over")).isEqualTo("tls");
                s.delete(s.getSessionKey());
            }
        }
    }

    @Test
    @DisplayName("S2 rediss:// to a server whose certificate (from the trusted CA) names another host is refused")
    void wrongNameRefused() {
        assertThatThrownBy(() -> engine("rediss://localhost:" + WRONG_NAME_PORT).close())
                .isInstanceOf(SessionStorageException.class)
                .satisfies(e -> assertThat(rootCauses(e)).anyMatch(c -> c instanceof SSLHandshakeException));
    }

    @Test
    @DisplayName("S2 rediss-sentinel:// refuses a sentinel whose certificate names another host")
    void sentinelWithWrongNameRefused() throws IOException {
        Path conf = dir.resolve("sentinel-" + WRONG_NAME_SENTINEL_PORT + ".conf");
        Files.writeString(conf, String.join("\n", "port 0", "tls-port " + WRONG_NAME_SENTINEL_PORT, "bind 127.0.0.1",
                "daemonize no", "dir " + dir, "logfile " + dir.resolve("sentinel.log"),
                "tls-cert-file " + dir.resolve("wrong.pem"), "tls-key-file " + dir.resolve("wrong.key"),
                "tls-ca-cert-file " + dir.resolve("ca.pem"), "tls-auth-clients no",
                "sentinel monitor tlsmaster 127.0.0.1 " + RIGHT_NAME_PORT + " 1", ""));
        try (RedisServer sentinel = RedisServer.tlsSentinel(WRONG_NAME_SENTINEL_PORT, dir, conf)) {
            assertThatThrownBy(() -> engine("rediss-sentinel://localhost:" + WRONG_NAME_SENTINEL_PORT + "#tlsmaster")
                    .close())
                    .satisfies(e -> assertThat(rootCauses(e)).anyMatch(c -> c instanceof SSLHandshakeException
                            || String.valueOf(c.getMessage()).contains("All sentinels down")));
        }
    }

    @Test
    @DisplayName("S2 rediss-cluster://: nodes whose certificate names 127.0.0.1 only are used by IP and refused as localhost")
    void clusterVerifiesNodeNames() throws Exception {
        certificate("ip-only", "IP:127.0.0.1");
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int port : CLUSTER_PORTS) {
                nodes.add(RedisServer.tls(port, dir, dir.resolve("ip-only.pem"), dir.resolve("ip-only.key"),
                        dir.resolve("ca.pem"), "--tls-cluster", "yes", "--cluster-enabled", "yes",
                        "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
                        "--cluster-node-timeout", "5000"));
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--tls", "--cacert", "ca.pem", "--cluster",
                    "create"));
            for (int port : CLUSTER_PORTS) {
                create.add("127.0.0.1:" + port);
            }
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            run(create);
            awaitClusterOk();

            try (SessionEngine engine = engine("rediss-cluster://127.0.0.1:" + CLUSTER_PORTS[0])) {
                SessionStore s = engine.open(null);
                s.put("over", "tls");
                s.save();
                assertThat(engine.open(s.getSessionKey()).get("over")).isEqualTo("tls");
                s.delete(s.getSessionKey());
            }
            assertThatThrownBy(() -> engine("rediss-cluster://localhost:" + CLUSTER_PORTS[0]).close())
                    .satisfies(e -> assertThat(rootCauses(e)).anyMatch(c -> c instanceof SSLHandshakeException));
        } finally {
            nodes.forEach(RedisServer::stop);
        }
    }

    private static void awaitClusterOk() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean ok = true;
            for (int port : CLUSTER_PORTS) {
                ok &= run(List.of("redis-cli", "--tls", "--cacert", "ca.pem", "-h", "127.0.0.1", "-p",
                        Integer.toString(port), "cluster", "info")).contains("cluster_state:ok");
            }
            if (ok) {
                return;
            }
            RedisServer.pause(100);
        }
        throw new IllegalStateException("the TLS cluster never reached cluster_state:ok");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static List<Throwable> rootCauses(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
            for (Throwable s : t.getSuppressed()) {
                chain.addAll(rootCauses(s));
            }
        }
        return chain;
    }

    private static void certificate(String name, String subjectAltNames) throws IOException, InterruptedException {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", name + ".key",
                "-out", name + ".csr");
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=" + subjectAltNames + "\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.out").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: "
                    + Files.readString(dir.resolve("openssl.out")));
        }
    }
}
