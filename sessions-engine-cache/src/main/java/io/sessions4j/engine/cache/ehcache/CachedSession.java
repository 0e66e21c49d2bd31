package io.sessions4j.engine.cache.ehcache;

import io.sessions4j.engine.cache.SessionCache;
import io.sessions4j.spi.KeptSession;
import java.time.Duration;
import java.util.Objects;

/**
 * What the Ehcache backend stores: the session data and the time-to-live it was written with, so
 * that {@link SessionExpiryPolicy} can give every entry its own expiry — and, on the heap only, what the
 * store made of its verified decode of exactly that data the first time a request read it ({@link KeptSession}).
 *
 * <p>Equality is the data alone: {@code Cache.replace(key, expected, next)} compares with
 * {@code equals}, and the data is the version (the time-to-live of the expected value is unknown
 * to the caller and irrelevant; the kept session is derived from the data).
 *
 * <p>The kept session lives and dies with this object: a write puts a new entry (without one), and
 * {@link CachedSessionSerializer} writes only the time-to-live and the data, so an entry read back from the
 * disk tier has none and goes through the codec (its signature check) again.
 */
public final class CachedSession {
    private final String data;
    private final Duration ttl;
    /** Read-only, shared by every read; held here, one reference from the entry, as a read follows it at once. */
    private volatile KeptSession kept;

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

    /** Keeps {@code kept}, which the caller states the store made from exactly {@link #data()}. */
    void keep(KeptSession kept) {
        this.kept = Objects.requireNonNull(kept, "kept");
    }

    /** This entry as a read returns it: with the kept session itself when there is one (no copy: it is read-only). */
    SessionCache.Entry entry() {
        return new SessionCache.Entry(data, kept);
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
