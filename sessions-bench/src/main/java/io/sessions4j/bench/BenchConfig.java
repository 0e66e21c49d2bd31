package io.sessions4j.bench;

import java.net.URI;

/**
 * Where the shared services are and what the benchmark's own names are. The names are fixed and
 * prefixed ({@code s4j_bench_}, {@code s4j-bench:}) so that other users of the same PostgreSQL and
 * Redis never collide with a run, and a run cleans up exactly what it made.
 */
public final class BenchConfig {
    /** Sessions preloaded before every measured trial (the workload: 10,000). */
    public static final int DEFAULT_SESSIONS = 10_000;
    /** The secret every signing system uses; benchmark data only. */
    public static final String SECRET = "sessions4j-bench-secret-not-for-production-0123456789";
    /** Two weeks, Django's default cookie age: every system keeps sessions this long. */
    public static final int SESSION_AGE_SECONDS = 1_209_600;
    /**
     * Entries an in-process cache (Ehcache, engine and floor alike) holds at most: no more than a 2 GB benchmark heap
     * holds (sessions4j's entries take ~1 KB each, the signed value; a read adds the kept decode). At 4,000,000 a
     * re-measured CREATE filled the heap and every later figure of that JVM measured full GCs (gc.time 4.6 s in a
     * 1.5 s measurement, 2026-11-30). CREATE now runs after every other operation ({@code BenchRun}), so evictions
     * past this bound touch only CREATE itself, engine and floor alike.
     */
    public static final int CACHE_ENTRIES = 800_000;
    /**
     * Prefix of every table a run creates: {@code -Dbench.prefix} (run.sh: {@code BENCH_PREFIX}), default
     * {@code s4j_bench_}. Runs from different work trees on the same PostgreSQL and Redis at the same time
     * need different prefixes, or they drop each other's tables.
     */
    public static final String TABLE_PREFIX = prefix();
    /** Prefix of every Redis key a run writes: the table prefix with dashes and a colon ({@code s4j-bench:}). */
    public static final String REDIS_PREFIX = TABLE_PREFIX.replace('_', '-').replaceFirst("-$", ":");

    private BenchConfig() {
    }

    /** How many sessions to preload: {@code -Dbench.sessions}, default {@value #DEFAULT_SESSIONS}. */
    public static int sessions() {
        return Integer.getInteger("bench.sessions", DEFAULT_SESSIONS);
    }

    /** The PostgreSQL JDBC URL: {@code SESSIONS_TEST_PG_URL} as for the engine tests, else the local {@code test} database. */
    public static String postgresUrl() {
        return env("SESSIONS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }

    /** The MariaDB JDBC URL: {@code SESSIONS_TEST_MARIADB_URL} as for the engine tests, else the local {@code test} database. */
    public static String mariadbUrl() {
        return env("SESSIONS_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    }

    /** The Redis URL: {@code SESSIONS_TEST_REDIS_URL} as for the engine tests, else the local Redis. */
    public static String redisUrl() {
        return env("SESSIONS_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    }

    /**
     * The URL of a Valkey 8.1 or later ({@code SESSIONS_BENCH_VALKEY_URL}; {@code run.sh} starts one when it finds
     * {@code valkey-server}), on which the cache engine's saves are {@code SET … IFEQ} instead of a Lua script
     * (issue #20); null without one, and then the Valkey systems are left out.
     */
    public static String valkeyUrl() {
        String url = System.getenv("SESSIONS_BENCH_VALKEY_URL");
        return url == null || url.isBlank() ? null : url;
    }

    /** {@link #valkeyUrl()}, which a Valkey system cannot run without. */
    public static String requireValkeyUrl() {
        String url = valkeyUrl();
        if (url == null) {
            throw new IllegalStateException("SESSIONS_BENCH_VALKEY_URL is not set: no Valkey to run on (run.sh starts one "
                    + "when it finds valkey-server; bash .ci/valkey builds one)");
        }
        return url;
    }

    public static String redisHost() {
        return host(redisUrl());
    }

    public static int redisPort() {
        return port(redisUrl());
    }

    /** The host of a {@code redis://host:port} URL. */
    public static String host(String redisUrl) {
        return URI.create(redisUrl).getHost();
    }

    /** The port of a {@code redis://host:port} URL, 6379 when it has none. */
    public static int port(String redisUrl) {
        int port = URI.create(redisUrl).getPort();
        return port < 0 ? 6379 : port;
    }

    /** A private in-memory H2 database of this JVM (each JMH fork is a fresh JVM). */
    public static String h2Url(String name) {
        return "jdbc:h2:mem:" + TABLE_PREFIX + name + ";DB_CLOSE_DELAY=-1";
    }

    private static String prefix() {
        String prefix = System.getProperty("bench.prefix", "s4j_bench_");
        if (!prefix.matches("[a-z][a-z0-9_]{0,30}_")) {
            throw new IllegalArgumentException("bench.prefix must be lower-case letters, digits and underscores ending in _,"
                    + " at most 32 characters; was " + prefix);
        }
        return prefix;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
