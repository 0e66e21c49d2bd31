package io.sessions4j.engine.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A Sentinel deployment for one test class: a master on 127.0.0.1:6391 and two sentinels on
 * 26391 and 26392 watching it as {@value #MASTER}. Started before the class's {@code @BeforeAll},
 * stopped process by process after its {@code @AfterAll}.
 */
final class RedisSentinelExtension implements BeforeAllCallback, AfterAllCallback {
    static final String MASTER = "sessions4j-test";
    static final int MASTER_PORT = 6391;
    static final int[] SENTINEL_PORTS = {26391, 26392};

    private final List<RedisServer> processes = new ArrayList<>();
    private RedisServer master;
    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) {
        RedisServer.assumeBinaries();
        RedisServer.assertFree(MASTER_PORT);
        RedisServer.assertFree(SENTINEL_PORTS);
        dir = TempDirs.create("sentinel");
        try {
            master = RedisServer.start(MASTER_PORT, dir);
            processes.add(master);
            for (int port : SENTINEL_PORTS) {
                processes.add(RedisServer.sentinel(port, dir, MASTER, MASTER_PORT));
            }
            awaitSentinelsKnowMaster();
        } catch (RuntimeException | Error e) {
            afterAll(context);
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Sentinels first, so none of them reacts to the master going away.
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop();
        }
        processes.clear();
        TempDirs.delete(dir);
    }

    /** Lettuce's Sentinel form: every sentinel, then the master name as the fragment. */
    String url() {
        return "redis-sentinel://127.0.0.1:" + SENTINEL_PORTS[0] + ",127.0.0.1:" + SENTINEL_PORTS[1] + "/0#" + MASTER;
    }

    RedisServer master() {
        return master;
    }

    private void awaitSentinelsKnowMaster() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int port : SENTINEL_PORTS) {
                try (Jedis sentinel = new Jedis("127.0.0.1", port, 1000)) {
                    List<String> address = sentinel.sentinelGetMasterAddrByName(MASTER);
                    all &= address != null && new HostAndPort(address.get(0), Integer.parseInt(address.get(1)))
                            .equals(new HostAndPort("127.0.0.1", MASTER_PORT));
                } catch (RuntimeException e) {
                    all = false;
                }
            }
            if (all) {
                return;
            }
            RedisServer.pause(100);
        }
        throw new IllegalStateException("the sentinels never named the master " + MASTER);
    }
}
