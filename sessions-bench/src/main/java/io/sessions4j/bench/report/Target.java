package io.sessions4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One target of the issues at one thread count: sessions4j's {@code engine} doing {@code operation} must
 * reach {@code required} × the reference ({@code refFamily/refSystem} doing {@code refOperation}), as a
 * paired ratio ({@link PairedRatio}). Every ratio a target names is measured in paired rounds by
 * {@code BenchRun}; the list here is what decides which measurements get paired.
 *
 * @param goal         the target as the report states it
 * @param runsRequired consecutive runs that must meet it (issue #20 asks two for db on PostgreSQL)
 */
public record Target(String goal, String engine, String operation, int threads, String refFamily, String refSystem,
                     String refOperation, double required, int runsRequired) {

    /** Thread counts every target is stated for, unless it names one. */
    private static final List<Integer> BOTH = List.of(1, 4);

    /** Every target, in report order. */
    public static final List<Target> ALL = all();

    /** Stable key in the run history: engine, operation, threads and reference. */
    public String id() {
        return engine + "/" + operation + "/t" + threads + " vs " + refFamily + "/" + refSystem + "/" + refOperation;
    }

    /** Whether this target compares the two named systems at these thread counts. */
    public boolean involves(String family, String system) {
        return family.equals("sessions4j") && system.equals(engine) || family.equals(refFamily) && system.equals(refSystem);
    }

    /**
     * Whether a ratio meets the target: this run's median reaches it, and so did the previous run's when
     * the target asks for consecutive runs.
     *
     * @param previous the previous run's paired ratio of the same target, null when there was none
     */
    public boolean met(PairedRatio current, PairedRatio previous) {
        boolean now = current.reaches(required);
        if (runsRequired <= 1) {
            return now;
        }
        return now && previous != null && previous.reaches(required);
    }

    private static List<Target> all() {
        List<Target> all = new ArrayList<>();
        for (int t : BOTH) {
            // Issue #20: db on PostgreSQL within 0.85 of raw JDBC and 1.5x Spring Session JDBC, in two runs running.
            floor(all, "db_postgresql", "read", t, 0.85, 2);
            floor(all, "db_postgresql", "write", t, 0.85, 2);
            spring(all, "db_postgresql", "write", t, 1.5, 2);
            spring(all, "db_postgresql", "read", t, 2.0, 1);
            // Issue #20: an Ehcache READ at half a raw Ehcache get (0.85 is out of reach for a store that
            // isolates values; see analysis.md); WRITE keeps the first benchmark issue's 0.85.
            floor(all, "cache_ehcache", "read", t, 0.5, 1);
            floor(all, "cache_ehcache", "write", t, 0.85, 1);
            // Issue #20: Redis WRITE at 0.85 of GET + SET with compare-and-set kept; READ as before.
            floor(all, "cache_redis", "read", t, 0.85, 1);
            floor(all, "cache_redis", "write", t, 0.85, 1);
            floor(all, "cache_valkey", "read", t, 0.85, 1);
            floor(all, "cache_valkey", "write", t, 0.85, 1);
            spring(all, "cache_redis", "read", t, 2.0, 1);
            spring(all, "cache_redis", "write", t, 1.5, 1);
            // The first benchmark issue's targets that still apply.
            for (String engine : List.of("db_h2", "db_mariadb")) {
                floor(all, engine, "read", t, 0.85, 1);
                floor(all, engine, "write", t, 0.85, 1);
                spring(all, engine, "read", t, 2.0, 1);
                spring(all, engine, "write", t, 1.5, 1);
            }
            for (String engine : List.of("cached_db_ehcache_h2", "cached_db_redis_postgresql")) {
                floor(all, engine, "read", t, 0.85, 1);
                floor(all, engine, "write", t, 0.85, 1);
            }
        }
        // Issue #20: signed_cookies CYCLE at 0.6 of Jackson + HMAC doing the same WRITE at 1 thread; the
        // first issue's "within 2x" (0.5) still stands at 4 threads.
        all.add(new Target("CYCLE ≥ 0.6× Jackson + HMAC", "signed_cookies", "cycle", 1, "floor", "jackson_hmac", "write", 0.6, 1));
        all.add(new Target("CYCLE ≥ 0.5× Jackson + HMAC", "signed_cookies", "cycle", 4, "floor", "jackson_hmac", "write", 0.5, 1));
        return List.copyOf(all);
    }

    private static void floor(List<Target> all, String engine, String op, int threads, double required, int runs) {
        all.add(new Target(op.toUpperCase(Locale.ROOT) + " ≥ " + plain(required) + "× floor", engine, op, threads, "floor",
                Comparisons.FLOOR.get(engine), op, required, runs));
    }

    private static void spring(List<Target> all, String engine, String op, int threads, double required, int runs) {
        all.add(new Target(op.toUpperCase(Locale.ROOT) + " ≥ " + plain(required) + "× Spring Session", engine, op, threads, "spring",
                Comparisons.SPRING.get(engine), op, required, runs));
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
