package io.sessions4j.engine.cache;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Test keys on a shared Redis: a unique prefix per test class, removed afterwards with SCAN + DEL. */
final class RedisKeys {
    private RedisKeys() {
    }

    /** {@code test:<class>:<random>:} — no glob characters, so it can be used in SCAN MATCH as is. */
    static String uniquePrefix(Class<?> testClass) {
        return "test:" + testClass.getSimpleName().toLowerCase() + ":"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + ":";
    }

    /** A plain client to the Redis at {@code url} (redis://host:port). */
    static Jedis client(String url) {
        URI uri = URI.create(url);
        return new Jedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), 2000);
    }

    /** Every key under {@code prefix}. */
    static List<String> keys(Jedis jedis, String prefix) {
        List<String> keys = new java.util.ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(prefix + "*").count(500);
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    /** Deletes every key under {@code prefix}; returns how many. */
    static int deleteAll(Jedis jedis, String prefix) {
        List<String> keys = keys(jedis, prefix);
        for (String key : keys) {
            jedis.del(key);
        }
        return keys.size();
    }

    /** {@code INFO commandstats} as command → calls (including rejected ones). */
    static Map<String, Long> commandCalls(Jedis jedis) {
        Map<String, Long> calls = new HashMap<>();
        for (String line : jedis.info("commandstats").split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), line.indexOf(':'));
            long total = 0;
            for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                String[] kv = field.split("=");
                if (kv[0].equals("calls") || kv[0].equals("rejected_calls")) {
                    total += Long.parseLong(kv[1]);
                }
            }
            calls.put(name, total);
        }
        return calls;
    }

    /**
     * Commands run between two {@link #commandCalls} snapshots, without {@code info} (the snapshots
     * themselves) and connection set-up ({@code hello}, {@code client|…}, {@code auth}, {@code select},
     * {@code ping}), which a pool does once per connection, not per operation.
     */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((command, calls) -> {
            long d = calls - before.getOrDefault(command, 0L);
            boolean setup = command.equals("info") || command.equals("hello") || command.startsWith("client")
                    || command.equals("auth") || command.equals("select") || command.equals("ping");
            if (d != 0 && !setup) {
                delta.put(command, d);
            }
        });
        return delta;
    }
}
