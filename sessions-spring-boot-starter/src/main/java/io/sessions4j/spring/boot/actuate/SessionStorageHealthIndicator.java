package io.sessions4j.spring.boot.actuate;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStore;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the session storage: one read of a key that names no session (one round trip, no write). UP with the
 * engine's name; DOWN with the failure's class only — its message may name a host.
 */
public class SessionStorageHealthIndicator implements HealthIndicator {
    /** A well-formed key that no generated key equals (generated keys come from 36 symbols at random). */
    static final String PROBE_KEY = "0".repeat(32);
    private final SessionEngine engine;

    public SessionStorageHealthIndicator(SessionEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public Health health() {
        try {
            SessionStore probe = engine.open(PROBE_KEY);
            probe.keySet(); // loads: the storage answers
            return Health.up().withDetail("engine", engine.name()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("engine", engine.name()).withDetail("error", e.getClass().getName()).build();
        }
    }
}
