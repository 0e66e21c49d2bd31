package io.sessions4j.engine.cache.ehcache;

import io.sessions4j.engine.cache.SessionCache;
import io.sessions4j.spi.DecodedCopy;
import io.sessions4j.spi.SessionCodec;
import io.sessions4j.spi.SessionStorage;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * What the Ehcache backend stores: the session data and the time-to-live it was written with, so
 * that {@link SessionExpiryPolicy} can give every entry its own expiry — and, on the heap only, what the
 * engine's codec decoded from exactly that data the first time a request read it.
 *
 * <p>Equality is the data alone: {@code Cache.replace(key, expected, next)} compares with
 * {@code equals}, and the data is the version (the time-to-live of the expected value is unknown
 * to the caller and irrelevant; the decoded copy is derived from the data).
 *
 * <p>The kept decode lives and dies with this object: a write puts a new entry (without one), and
 * {@link CachedSessionSerializer} writes only the time-to-live and the data, so an entry read back from the
 * disk tier has none and goes through the codec (its signature check) again.
 */
public final class CachedSession {
    private final String data;
    private final Duration ttl;
    /** The entry reads get once a decode is kept: the data with the kept decode, read-only, shared by every read. */
    private volatile SessionCache.Entry kept;

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

    /**
     * Keeps a deep copy of {@code decoded}, which the caller states the codec decoded from {@link #data()}, read-only
     * at the top level (its nested maps and lists are never handed out: the store copies each before it does). Data
     * with a value that cannot be copied faithfully is not kept.
     */
    void keepDecoded(SessionCodec.Decoded decoded) {
        Map<String, Object> copy = DecodedCopy.of(decoded.data());
        if (copy != null) {
            this.kept = new SessionCache.Entry(data,
                    new SessionCodec.Decoded(Collections.unmodifiableMap(copy), decoded.signedAt()));
        }
    }

    /**
     * This entry as a read returns it: with the kept decode itself when there is one — no copy: it is read-only and
     * the store copies what it changes or hands out ({@link SessionStorage.Stored#decoded()}), so a read allocates
     * nothing here.
     */
    SessionCache.Entry entry() {
        SessionCache.Entry entry = kept;
        return entry != null ? entry : new SessionCache.Entry(data, null);
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
