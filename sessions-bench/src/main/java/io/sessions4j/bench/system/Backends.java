package io.sessions4j.bench.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.bench.BenchConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * The storage every system shares, opened the same way for all of them, so that a sessions4j engine,
 * its floor and Spring Session differ only in what they do with it: one HikariCP pool of 10
 * connections per database (the db engine's default), one Jedis pool of 8 (the cache engine's
 * default), and clean-up by the benchmark's own prefixes.
 */
public final class Backends {
    /** Connections per pool; the db engine's default {@code sessions.db.pool.max}. */
    public static final int POOL_SIZE = 10;
    /** Redis connections per pool; the cache engine's default {@code sessions.cache.pool.max}. */
    public static final int REDIS_POOL_SIZE = 8;

    private Backends() {
    }

    /** A pool on {@code url}; {@code h2}, {@code postgresql} or {@code mariadb}. */
    public static HikariDataSource pool(String url, String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("s4j-bench-" + name);
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    /** The JDBC URL of {@code database} ({@code h2}, {@code postgresql} or {@code mariadb}) for a system named {@code name}. */
    public static String jdbcUrl(String database, String name) {
        return switch (database) {
            case "h2" -> BenchConfig.h2Url(name);
            case "postgresql" -> BenchConfig.postgresUrl();
            case "mariadb" -> BenchConfig.mariadbUrl();
            default -> throw new IllegalArgumentException("unknown database " + database);
        };
    }

    /** {@code identifier} quoted as the db engine quotes it on {@code database}. */
    public static String quote(String database, String identifier) {
        char q = database.equals("mariadb") ? '`' : '"';
        return q + identifier + q;
    }

    /**
     * An instant as a parameter for an {@code expire_date} column on {@code database}: UTC without a zone in
     * MariaDB's {@code datetime(6)} (as Django and the db engine store it), with the zone elsewhere.
     */
    public static Object timestamp(String database, OffsetDateTime utc) {
        return database.equals("mariadb") ? utc.toLocalDateTime() : utc;
    }

    /** A Jedis pool configured as the cache engine configures its own. */
    public static JedisPooled jedis() {
        return jedis(BenchConfig.redisUrl());
    }

    /** {@link #jedis()} on the server at {@code url} ({@code redis://host:port}). */
    public static JedisPooled jedis(String url) {
        GenericObjectPoolConfig<redis.clients.jedis.Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(REDIS_POOL_SIZE);
        pool.setMaxIdle(REDIS_POOL_SIZE);
        pool.setTestOnBorrow(false);
        pool.setJmxEnabled(false);
        return new JedisPooled(new HostAndPort(BenchConfig.host(url), BenchConfig.port(url)),
                DefaultJedisClientConfig.builder().clientName("s4j-bench").build(), pool);
    }

    /** Runs each statement, ignoring none of their failures. */
    public static void execute(javax.sql.DataSource dataSource, String... statements) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("benchmark set-up failed: " + e.getMessage(), e);
        }
    }

    /** Drops the given tables (quoted names, as the db engine creates them), if they exist. */
    public static void dropTables(javax.sql.DataSource dataSource, String... tables) {
        List<String> drops = new ArrayList<>();
        for (String table : tables) {
            drops.add("DROP TABLE IF EXISTS " + table + " CASCADE");
        }
        execute(dataSource, drops.toArray(String[]::new));
    }

    /** Removes every Redis key under {@code prefix} (one of the benchmark's own). */
    public static void deleteRedisKeys(String prefix) {
        deleteRedisKeys(BenchConfig.redisUrl(), prefix);
    }

    /** {@link #deleteRedisKeys(String)} on the server at {@code url}. */
    public static void deleteRedisKeys(String url, String prefix) {
        if (!prefix.startsWith(BenchConfig.REDIS_PREFIX)) {
            throw new IllegalArgumentException("not a benchmark prefix: " + prefix);
        }
        try (JedisPooled jedis = jedis(url)) {
            ScanParams params = new ScanParams().match(prefix + "*").count(2000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                if (!page.getResult().isEmpty()) {
                    jedis.unlink(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    /** A fresh temporary directory for a file-based system. */
    public static Path tempDirectory(String name) {
        try {
            return Files.createTempDirectory("s4j-bench-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A directory of preloaded session files that the forks of one run share, or null outside a run
     * ({@code -Dbench.run} unset). Creating ten thousand files costs seconds on some file systems;
     * {@code run.sh} deletes these directories when the run ends.
     */
    public static Path runDirectory(String name) {
        String run = System.getProperty("bench.run");
        if (run == null || run.isBlank()) {
            return null;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "s4j-bench-" + name + "-" + run);
    }

    /**
     * The keys preloaded into {@code directory} by an earlier fork of the same run, or null when
     * there are none (then the caller preloads and calls {@link #rememberKeys}).
     */
    public static List<String> rememberedKeys(Path directory, int count) {
        Path manifest = manifest(directory);
        try {
            if (Files.isDirectory(directory) && Files.exists(manifest)) {
                List<String> keys = Files.readAllLines(manifest);
                if (keys.size() == count) {
                    return keys;
                }
            }
            deleteDirectory(directory);
            Files.deleteIfExists(manifest);
            // Private, as the file engine requires of its directory (its file names are session keys).
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records the keys preloaded into {@code directory} for the next forks of the run. */
    public static void rememberKeys(Path directory, List<String> keys) {
        try {
            Files.write(manifest(directory), keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path manifest(Path directory) {
        return directory.resolveSibling(directory.getFileName() + ".keys");
    }

    /** Deletes a directory made by {@link #tempDirectory}, with everything in it. */
    public static void deleteDirectory(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Inserts rows in batches inside one transaction: the fast way to preload a table, where one
     * auto-committed INSERT per row would wait for a WAL flush each time.
     *
     * @param insert an INSERT with one parameter per column
     */
    public static void insertRows(javax.sql.DataSource dataSource, String insert, List<Object[]> rows) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement ps = c.prepareStatement(insert)) {
                int pending = 0;
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    ps.addBatch();
                    if (++pending == 1000) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                ps.executeBatch();
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("preloading failed: " + e.getMessage(), e);
        }
    }

    /**
     * Preloads {@code count} sessions with a few threads (network-bound stores would otherwise take
     * most of a fork's time), returning what {@code one} returned for each, in order.
     */
    public static <T> List<T> preload(int count, IntFunction<T> one) {
        return preloadChunks(count, (from, to) -> {
            List<T> part = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                part.add(one.apply(i));
            }
            return part;
        });
    }

    /** Like {@link #preload}, handing out ranges {@code [from, to)}, e.g. to save each range in one transaction. */
    public static <T> List<T> preloadChunks(int count, BiFunction<Integer, Integer, List<T>> chunk) {
        return preloadChunks(count, 4, chunk);
    }

    /** Like {@link #preloadChunks(int, BiFunction)} with {@code threads} threads. */
    public static <T> List<T> preloadChunks(int count, int threads, BiFunction<Integer, Integer, List<T>> chunk) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunks = 16;
            List<Future<List<T>>> parts = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                int from = (int) ((long) count * c / chunks);
                int to = (int) ((long) count * (c + 1) / chunks);
                parts.add(pool.submit(() -> chunk.apply(from, to)));
            }
            List<T> all = new ArrayList<>(count);
            for (Future<List<T>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("preloading interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("preloading failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
