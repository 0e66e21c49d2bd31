package io.sessions4j.bench.boot;

import java.util.Arrays;

/**
 * The four ways the application keeps its sessions; each is a Spring profile of the same name
 * ({@code application-<profile>.properties}).
 */
public enum Mode {
    /** Spring Session JDBC ({@code JdbcIndexedSessionRepository}) on PostgreSQL; cookie {@code SESSION}. */
    SPRING_JDBC("spring-jdbc", "SESSION", "postgresql"),
    /** Spring Session Data Redis ({@code RedisSessionRepository}, over Jedis); cookie {@code SESSION}. */
    SPRING_REDIS("spring-redis", "SESSION", "redis"),
    /** The sessions4j starter, db engine on the application's PostgreSQL DataSource; cookie {@code sessionid}. */
    SESSIONS4J_DB("sessions4j-db", "sessionid", "postgresql"),
    /** The sessions4j starter, cache engine on Redis; cookie {@code sessionid}. */
    SESSIONS4J_REDIS("sessions4j-redis", "sessionid", "redis");

    private final String profile;
    private final String cookie;
    private final String backend;

    Mode(String profile, String cookie, String backend) {
        this.profile = profile;
        this.cookie = cookie;
        this.backend = backend;
    }

    /** The Spring profile that selects this mode. */
    public String profile() {
        return profile;
    }

    /** The name of the session cookie in this mode. */
    public String cookie() {
        return cookie;
    }

    /** {@code postgresql} or {@code redis}. */
    public String backend() {
        return backend;
    }

    /** The mode of a profile name, e.g. {@code sessions4j-db}. */
    public static Mode of(String profile) {
        return Arrays.stream(values()).filter(m -> m.profile.equals(profile)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode " + profile + "; one of "
                        + Arrays.stream(values()).map(Mode::profile).toList()));
    }
}
