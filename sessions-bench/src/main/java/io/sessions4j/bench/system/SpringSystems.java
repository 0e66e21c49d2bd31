package io.sessions4j.bench.system;

import java.util.List;

/** Spring Session on the same backends as the sessions4j engines. */
public final class SpringSystems {
    /** The Spring Session systems, as named in the results. */
    public static final List<String> NAMES = List.of("jdbc_h2", "jdbc_postgresql", "jdbc_mariadb", "redis");

    private SpringSystems() {
    }

    /** Opens Spring Session system {@code name} (one of {@link #NAMES}) with {@code sessions} preloaded sessions. */
    public static BenchSystem open(String name, Probe probe, int sessions) {
        return switch (name) {
            case "jdbc_h2" -> new SpringJdbcSystem("h2", probe, sessions);
            case "jdbc_postgresql" -> new SpringJdbcSystem("postgresql", probe, sessions);
            case "jdbc_mariadb" -> new SpringJdbcSystem("mariadb", probe, sessions);
            case "redis" -> new SpringRedisSystem(sessions);
            default -> throw new IllegalArgumentException("unknown Spring Session system " + name + "; known: " + NAMES);
        };
    }
}
