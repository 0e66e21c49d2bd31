package io.sessions4j.engine.cache;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The contract on a Redis deployment. Redis counts time itself, so C8 waits (about one second)
 * for the real time-to-live to run out.
 */
abstract class RedisContract extends CacheEngineContract {
    protected final String prefix = RedisKeys.uniquePrefix(getClass());

    /** The {@code sessions.cache.url} of the deployment under test. */
    protected abstract String redisUrl();

    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        return new CacheEngineProvider().create(settings, clock);
    }

    @Override
    protected Map<String, String> engineProperties() {
        Map<String, String> props = new HashMap<>();
        props.put("sessions.engine", "cache");
        props.put("sessions.cache.backend", "redis");
        props.put("sessions.cache.url", redisUrl());
        props.put("sessions.cache.key_prefix", prefix);
        return props;
    }

    @Override
    protected void letExpire(SessionStore dying, Duration age) {
        clock.advance(age);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(age.toSeconds() + 5);
        while (dying.exists(dying.getSessionKey()) && System.nanoTime() < deadline) {
            RedisServer.pause(50); // a real TTL: Redis expires the key on its own clock
        }
    }
}
