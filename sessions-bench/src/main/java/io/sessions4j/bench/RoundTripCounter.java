package io.sessions4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sessions4j.bench.system.BenchSystem;
import io.sessions4j.bench.system.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import redis.clients.jedis.Jedis;

/**
 * Counts the storage round trips of every system, per operation, over a fixed number of operations
 * on one thread: SQL statements through a {@link io.sessions4j.testkit.CountingDataSource}, Redis
 * commands as deltas of {@code INFO commandstats}. Not timed, so the counting proxy costs nothing
 * that matters.
 *
 * <p>The shared Redis also serves other clients, whose commands show up in the server-wide deltas;
 * each measurement is therefore repeated and the smallest delta of each command kept.
 *
 * <p>Usage: {@code RoundTripCounter <output.json> [operations] [sessions]}.
 */
public final class RoundTripCounter {
    private static final int REPEATS = 3;

    private final int operations;
    private final int sessions;
    private final Jedis info;

    private RoundTripCounter(int operations, int sessions) {
        this.operations = operations;
        this.sessions = sessions;
        this.info = new Jedis(BenchConfig.redisHost(), BenchConfig.redisPort());
    }

    /** One system's counts for one operation, per operation. */
    public record Count(String family, String system, String operation, int operations, double statements,
                        double transactionCalls, Map<String, Double> redisCommands, List<String> sql) {
    }

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args.length > 0 ? args[0] : "target/roundtrips.json");
        int operations = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        RoundTripCounter counter = new RoundTripCounter(operations, sessions);
        List<Count> counts = new ArrayList<>();
        // Every system with a network store; in-process floors have nothing to count.
        List<String> uncounted = List.of("ehcache", "file", "jackson", "hmac", "jackson_hmac");
        for (String[] system : Systems.all()) {
            String family = system[0];
            String name = system[1];
            // Valkey's commands are counted on Valkey by the engine's tests (ValkeySetIfEqualTest); this counter
            // reads the shared Redis's INFO commandstats.
            if (family.equals("floor") && uncounted.contains(name) || name.contains("valkey")) {
                continue;
            }
            counts.addAll(counter.count(family, name, probe -> Systems.open(family, name, probe, sessions),
                    family.equals("sessions4j")));
        }
        counter.info.close();
        Files.createDirectories(output.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), counts);
    }

    private List<Count> count(String family, String name, Function<Probe, BenchSystem> opener, boolean cycle) {
        Probe probe = Probe.counting();
        List<Count> counts = new ArrayList<>();
        try (BenchSystem system = opener.apply(probe)) {
            List<String> keys = system.keys();
            Random random = new Random(42);
            Map<String, Function<String, Object>> ops = new LinkedHashMap<>();
            ops.put("read", system::read);
            ops.put("write", system::write);
            ops.put("create", key -> system.create());
            if (cycle) {
                ops.put("cycle", system::cycle);
            }
            for (Map.Entry<String, Function<String, Object>> op : ops.entrySet()) {
                Map<String, Long> fewestRedis = null;
                long statements = 0;
                long transactionCalls = 0;
                List<String> sql = List.of();
                for (int repeat = 0; repeat < REPEATS; repeat++) {
                    probe.reset();
                    Map<String, Long> before = commandStats();
                    for (int i = 0; i < operations; i++) {
                        op.getValue().apply(keys.get(random.nextInt(keys.size())));
                    }
                    Map<String, Long> delta = minus(commandStats(), before);
                    statements = probe.statements();
                    transactionCalls = probe.transactionCalls();
                    sql = probe.executed().stream().distinct().toList();
                    fewestRedis = fewestRedis == null ? delta : smallest(fewestRedis, delta);
                }
                Map<String, Double> perOperation = new TreeMap<>();
                fewestRedis.forEach((command, calls) -> {
                    double per = (double) calls / operations;
                    // Less than one call in ten operations is another client of the shared server.
                    if (per >= 0.1) {
                        perOperation.put(command, per);
                    }
                });
                counts.add(new Count(family, name, op.getKey(), operations, (double) statements / operations,
                        (double) transactionCalls / operations, perOperation, sql));
            }
        }
        return counts;
    }

    private Map<String, Long> commandStats() {
        Map<String, Long> stats = new TreeMap<>();
        for (String line : info.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String command = line.substring("cmdstat_".length(), line.indexOf(':'));
                int calls = line.indexOf("calls=") + "calls=".length();
                stats.put(command, Long.parseLong(line.substring(calls, line.indexOf(',', calls))));
            }
        }
        // Our own INFO calls are not the system's.
        stats.remove("info");
        return stats;
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((command, calls) -> {
            long d = calls - before.getOrDefault(command, 0L);
            if (d > 0) {
                delta.put(command, d);
            }
        });
        return delta;
    }

    private static Map<String, Long> smallest(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> min = new TreeMap<>();
        a.forEach((command, calls) -> {
            Long other = b.get(command);
            if (other != null) {
                min.put(command, Math.min(calls, other));
            }
        });
        return min;
    }
}
