package io.sessions4j.engine.cache.ehcache;

import java.time.Duration;
import java.util.Objects;

/**
 * What the Ehcache backend stores: the session data and the time-to-live it was written with, so
 * that {@link SessionExpiryPolicy} can give every entry its own expiry.
 *
 * <p>Equality is the data alone: {@code Cache.replace(key, expected, next)} compares with
 * {@code equals}, and the data is the version (the time-to-live of the expected value is unknown
 * to the caller and irrelevant).
 */
public final class CachedSession {
    private final String data;
    private final Duration ttl;

    public CachedSession(String data, Duration ttl) {
        this.data = Objects.requireNonNull(data, "data");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    public String data() {
        return data;
    }

    public Duration ttl() {
        return ttl;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CachedSession other && data.equals(other.data);
    }

    @Override
    public int hashCode() {
        return data.hashCode();
    }

    /** Does not print data: sessions hold secrets. */
    @Override
    public String toString() {
        return "CachedSession[" + data.length() + " chars, ttl=" + ttl + "]";
    }
}
