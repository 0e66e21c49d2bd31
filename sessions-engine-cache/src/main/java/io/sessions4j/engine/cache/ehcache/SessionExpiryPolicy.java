package io.sessions4j.engine.cache.ehcache;

import java.time.Duration;
import java.util.function.Supplier;
import org.ehcache.expiry.ExpiryPolicy;

/**
 * Per-entry expiry: every write lives for the time-to-live it carries (the session's expiry age),
 * and reads do not extend it — as a Redis {@code PX} would behave.
 */
final class SessionExpiryPolicy implements ExpiryPolicy<String, CachedSession> {

    @Override
    public Duration getExpiryForCreation(String key, CachedSession value) {
        return value.ttl();
    }

    @Override
    public Duration getExpiryForAccess(String key, Supplier<? extends CachedSession> value) {
        return null; // unchanged
    }

    @Override
    public Duration getExpiryForUpdate(String key, Supplier<? extends CachedSession> oldValue, CachedSession newValue) {
        return newValue.ttl();
    }
}
