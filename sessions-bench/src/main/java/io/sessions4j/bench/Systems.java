package io.sessions4j.bench;

import io.sessions4j.bench.system.BenchSystem;
import io.sessions4j.bench.system.EngineSystem;
import io.sessions4j.bench.system.FloorSystems;
import io.sessions4j.bench.system.Probe;
import io.sessions4j.bench.system.SpringSystems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every system of the benchmark, by family ({@code sessions4j}, {@code floor}, {@code spring}) and name,
 * and the systems open in this JVM.
 *
 * <p>Normally each JMH trial opens its system and closes it afterwards. Under {@link BenchLauncher},
 * which runs all benchmarks of one system in one JVM, the system is opened (and preloaded, and
 * warmed up) once and shared by the trials, then closed when the launcher ends.
 */
public final class Systems {
    /** The families, with the JMH benchmark class of each. */
    public static final Map<String, Class<?>> FAMILIES = Map.of(
            "sessions4j", Sessions4jBenchmark.class, "floor", FloorBenchmark.class, "spring", SpringSessionBenchmark.class);

    private static final Map<String, BenchSystem> SHARED = new ConcurrentHashMap<>();
    private static volatile boolean sharing;

    private Systems() {
    }

    /**
     * Every system as {@code {family, name}}, each engine next to its floor and its Spring Session
     * counterpart: on a shared machine the load drifts, and systems that are compared should be
     * measured close together in time.
     */
    public static List<String[]> all() {
        List<String> order = List.of(
                "sessions4j/db_h2", "floor/jdbc_h2", "spring/jdbc_h2",
                "sessions4j/db_postgresql", "floor/jdbc_postgresql", "spring/jdbc_postgresql",
                "sessions4j/db_mariadb", "floor/jdbc_mariadb", "spring/jdbc_mariadb",
                "sessions4j/cache_ehcache", "floor/ehcache",
                "sessions4j/cache_redis", "floor/jedis", "spring/redis",
                "sessions4j/cache_valkey", "floor/jedis_valkey",
                "sessions4j/cached_db_ehcache_h2", "floor/ehcache_jdbc_h2",
                "sessions4j/cached_db_redis_postgresql", "floor/jedis_jdbc_postgresql",
                "sessions4j/file", "floor/file",
                "sessions4j/signed_cookies", "floor/jackson_hmac", "floor/jackson", "floor/hmac");
        List<String[]> all = new ArrayList<>();
        order.forEach(s -> all.add(s.split("/")));
        // Anything not placed above still runs, at the end.
        EngineSystem.NAMES.forEach(n -> addIfMissing(all, "sessions4j", n));
        FloorSystems.NAMES.forEach(n -> addIfMissing(all, "floor", n));
        SpringSystems.NAMES.forEach(n -> addIfMissing(all, "spring", n));
        if (BenchConfig.valkeyUrl() == null) {
            all.removeIf(s -> s[1].contains("valkey")); // no Valkey to run them on (see BenchConfig#valkeyUrl)
        }
        return all;
    }

    private static void addIfMissing(List<String[]> all, String family, String name) {
        if (all.stream().noneMatch(s -> s[0].equals(family) && s[1].equals(name))) {
            all.add(new String[] {family, name});
        }
    }

    /** Opens a system with {@code sessions} preloaded sessions. */
    public static BenchSystem open(String family, String name, Probe probe, int sessions) {
        return switch (family) {
            case "sessions4j" -> EngineSystem.open(name, probe, sessions);
            case "floor" -> FloorSystems.open(name, probe, sessions);
            case "spring" -> SpringSystems.open(name, probe, sessions);
            default -> throw new IllegalArgumentException("unknown family " + family + "; known: " + FAMILIES.keySet());
        };
    }

    /** From now on, {@link #acquire} shares one open system per name and {@link #release} keeps it open. */
    static void share() {
        sharing = true;
    }

    /** The system a JMH trial measures. */
    static BenchSystem acquire(String family, String name) {
        if (!sharing) {
            return open(family, name, Probe.NONE, BenchConfig.sessions());
        }
        return SHARED.computeIfAbsent(family + "/" + name, k -> open(family, name, Probe.NONE, BenchConfig.sessions()));
    }

    /** Ends a trial's use of a system: closes it, unless systems are shared. */
    static void release(BenchSystem system) {
        if (!sharing) {
            system.close();
        }
    }

    /** Closes every shared system. */
    static void closeShared() {
        SHARED.values().forEach(BenchSystem::close);
        SHARED.clear();
    }
}
