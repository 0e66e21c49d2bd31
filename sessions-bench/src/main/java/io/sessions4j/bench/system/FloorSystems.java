package io.sessions4j.bench.system;

import io.sessions4j.bench.BenchConfig;
import java.util.List;

/** The floors: each storage (and each CPU cost) driven directly, with nothing on top. */
public final class FloorSystems {
    /** The floors, as named in the results. */
    public static final List<String> NAMES = List.of("jdbc_h2", "jdbc_postgresql", "jdbc_mariadb", "jedis", "jedis_valkey", "ehcache",
            "ehcache_jdbc_h2", "jedis_jdbc_postgresql", "file", "jackson", "hmac", "jackson_hmac");

    private FloorSystems() {
    }

    /** Opens floor {@code name} (one of {@link #NAMES}) with {@code sessions} preloaded sessions. */
    public static BenchSystem open(String name, Probe probe, int sessions) {
        return switch (name) {
            case "jdbc_h2" -> new JdbcFloor("h2", "floor_h2", probe, sessions);
            case "jdbc_postgresql" -> new JdbcFloor("postgresql", "floor_pg", probe, sessions);
            case "jdbc_mariadb" -> new JdbcFloor("mariadb", "floor_maria", probe, sessions);
            case "jedis" -> new JedisFloor("floor", sessions);
            case "jedis_valkey" -> new JedisFloor("floor_valkey", sessions, BenchConfig.requireValkeyUrl());
            case "ehcache" -> new EhcacheFloor(sessions);
            case "ehcache_jdbc_h2" -> new CachedDbFloor(new EhcacheFloor(0),
                    new JdbcFloor("h2", "floor_cdb_h2", probe, 0), sessions);
            case "jedis_jdbc_postgresql" -> new CachedDbFloor(new JedisFloor("floor_cdb", 0),
                    new JdbcFloor("postgresql", "floor_cdb_pg", probe, 0), sessions);
            case "file" -> new FileFloor(sessions);
            case "jackson", "hmac", "jackson_hmac" -> new CodecFloor(name);
            default -> throw new IllegalArgumentException("unknown floor " + name + "; known: " + NAMES);
        };
    }
}
