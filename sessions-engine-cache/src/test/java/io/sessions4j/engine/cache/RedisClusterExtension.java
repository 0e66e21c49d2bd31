package io.sessions4j.engine.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

/**
 * A three-master Redis Cluster on 127.0.0.1:7101–7103 for one test class: started before the
 * class's {@code @BeforeAll} (so the contract's engine finds it), joined with
 * {@code redis-cli --cluster create}, and stopped — process by process — after its {@code @AfterAll}.
 */
final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback {
    static final int[] PORTS = {7101, 7102, 7103};

    private final List<RedisServer> nodes = new ArrayList<>();
    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        RedisServer.assumeBinaries();
        RedisServer.assertFree(PORTS);
        RedisServer.assertFree(java.util.Arrays.stream(PORTS).map(p -> p + 10000).toArray()); // cluster bus
        dir = TempDirs.create("cluster");
        try {
            for (int port : PORTS) {
                nodes.add(RedisServer.start(port, dir, "--cluster-enabled", "yes",
                        "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
                        "--cluster-node-timeout", "5000"));
            }
            join();
            awaitClusterOk();
        } catch (Exception | Error e) {
            afterAll(context);
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        nodes.forEach(RedisServer::stop);
        nodes.clear();
        TempDirs.delete(dir);
    }

    /** {@code redis-cluster://} with two of the three nodes as seeds: the client discovers the third. */
    String url() {
        return "redis-cluster://127.0.0.1:" + PORTS[0] + ",127.0.0.1:" + PORTS[1];
    }

    List<RedisServer> nodes() {
        return nodes;
    }

    private void join() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        for (int port : PORTS) {
            command.add("127.0.0.1:" + port);
        }
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(60, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            throw new IllegalStateException("redis-cli --cluster create did not finish:\n" + output);
        }
        if (cli.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
        }
    }

    private void awaitClusterOk() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean ok = true;
            for (RedisServer node : nodes) {
                try (Jedis jedis = node.client()) {
                    ok &= jedis.clusterInfo().contains("cluster_state:ok");
                }
            }
            if (ok) {
                return;
            }
            RedisServer.pause(100);
        }
        throw new IllegalStateException("the cluster on " + java.util.Arrays.toString(PORTS) + " never reached cluster_state:ok");
    }
}
