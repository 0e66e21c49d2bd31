package io.sessions4j.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each sessions4j engine is compared with (the targets are in {@link Target}). A ratio is sessions4j's
 * throughput divided by the other's: above 1 sessions4j is faster.
 */
public final class Comparisons {
    /** Operations in table order. */
    public static final List<String> OPERATIONS = List.of("read", "write", "create", "cycle");

    /** Display names of every system, by family/system. */
    static final Map<String, String> LABELS = new LinkedHashMap<>();

    /** Each engine's floor: the same storage (or CPU work) with nothing on top. */
    static final Map<String, String> FLOOR = new LinkedHashMap<>();

    /** Each engine's Spring Session counterpart on the same backend. */
    static final Map<String, String> SPRING = new LinkedHashMap<>();

    /** Engines compared with Spring Session JDBC on the same database although Spring has no such engine. */
    static final List<String> SPRING_BY_DATABASE = List.of("cached_db_ehcache_h2", "cached_db_redis_postgresql");

    static {
        label("sessions4j", "db_h2", "db (H2)", "floor", "jdbc_h2", "spring", "jdbc_h2");
        label("sessions4j", "db_postgresql", "db (PostgreSQL)", "floor", "jdbc_postgresql", "spring", "jdbc_postgresql");
        label("sessions4j", "db_mariadb", "db (MariaDB)", "floor", "jdbc_mariadb", "spring", "jdbc_mariadb");
        label("sessions4j", "cache_ehcache", "cache (Ehcache)", "floor", "ehcache", null, null);
        label("sessions4j", "cache_redis", "cache (Redis)", "floor", "jedis", "spring", "redis");
        label("sessions4j", "cache_valkey", "cache (Valkey)", "floor", "jedis_valkey", null, null);
        label("sessions4j", "cached_db_ehcache_h2", "cached_db (Ehcache+H2)", "floor", "ehcache_jdbc_h2", "spring", "jdbc_h2");
        label("sessions4j", "cached_db_redis_postgresql", "cached_db (Redis+PostgreSQL)", "floor", "jedis_jdbc_postgresql",
                "spring", "jdbc_postgresql");
        label("sessions4j", "file", "file", "floor", "file", null, null);
        label("sessions4j", "signed_cookies", "signed_cookies", "floor", "jackson_hmac", null, null);
        LABELS.put("floor/jdbc_h2", "raw JDBC (H2)");
        LABELS.put("floor/jdbc_postgresql", "raw JDBC (PostgreSQL)");
        LABELS.put("floor/jdbc_mariadb", "raw JDBC (MariaDB)");
        LABELS.put("floor/jedis", "raw Jedis");
        LABELS.put("floor/jedis_valkey", "raw Jedis (Valkey)");
        LABELS.put("floor/ehcache", "raw Ehcache");
        LABELS.put("floor/ehcache_jdbc_h2", "raw Ehcache + JDBC (H2)");
        LABELS.put("floor/jedis_jdbc_postgresql", "raw Jedis + JDBC (PostgreSQL)");
        LABELS.put("floor/file", "plain files");
        LABELS.put("floor/jackson", "Jackson alone");
        LABELS.put("floor/hmac", "HMAC-SHA256 alone");
        LABELS.put("floor/jackson_hmac", "Jackson + HMAC-SHA256");
        LABELS.put("spring/jdbc_h2", "Spring Session JDBC (H2)");
        LABELS.put("spring/jdbc_postgresql", "Spring Session JDBC (PostgreSQL)");
        LABELS.put("spring/jdbc_mariadb", "Spring Session JDBC (MariaDB)");
        LABELS.put("spring/redis", "Spring Session Redis");
    }

    private Comparisons() {
    }

    private static void label(String family, String system, String label, String floorFamily, String floor,
                              String springFamily, String spring) {
        LABELS.put(family + "/" + system, label);
        FLOOR.put(system, floor);
        if (spring != null) {
            SPRING.put(system, spring);
        }
    }

    /** The floor of a sessions4j engine, or null for an unknown engine. */
    public static String floorOf(String engine) {
        return FLOOR.get(engine);
    }

    static String label(String family, String system) {
        return LABELS.getOrDefault(family + "/" + system, family + "/" + system);
    }

    static String label(Measurement m) {
        return label(m.family(), m.system());
    }

    /** The floor operation an engine operation is compared with: a cycle is a WRITE plus the cookie. */
    static String floorOperation(String operation) {
        return operation.equals("cycle") ? "write" : operation;
    }

    /** sessions4j ÷ floor for one engine operation, if both were measured. */
    static Optional<Double> floorRatio(JmhResults results, String engine, String operation, int threads) {
        return ratio(results.find("sessions4j", engine, operation, threads),
                results.find("floor", FLOOR.get(engine), floorOperation(operation), threads));
    }

    /**
     * sessions4j ÷ (floor + codec): the floor's time per operation plus the time Jackson + HMAC take for
     * the same operation, i.e. the least a store that stores raw bytes but must verify and parse them can
     * cost. Derived from two measurements (times add), so an estimate; not one of the targets.
     */
    static Optional<Double> floorPlusCodecRatio(JmhResults results, String engine, String operation, int threads) {
        String floor = FLOOR.get(engine);
        String op = floorOperation(operation);
        Optional<Measurement> engineM = results.find("sessions4j", engine, operation, threads);
        Optional<Measurement> floorM = results.find("floor", floor, op, threads);
        Optional<Measurement> codecM = results.find("floor", "jackson_hmac", op, threads);
        if (floor.equals("jackson_hmac") || engineM.isEmpty() || floorM.isEmpty() || codecM.isEmpty()) {
            return Optional.empty();
        }
        double combined = 1 / (1 / floorM.get().score() + 1 / codecM.get().score());
        return Optional.of(engineM.get().score() / combined);
    }

    /** sessions4j ÷ Spring Session for one engine operation, if both were measured (never for a cycle). */
    static Optional<Double> springRatio(JmhResults results, String engine, String operation, int threads) {
        String spring = SPRING.get(engine);
        if (spring == null || operation.equals("cycle")) {
            return Optional.empty();
        }
        return ratio(results.find("sessions4j", engine, operation, threads), results.find("spring", spring, operation, threads));
    }

    private static Optional<Double> ratio(Optional<Measurement> a, Optional<Measurement> b) {
        return a.flatMap(x -> b.map(y -> x.score() / y.score()));
    }
}
