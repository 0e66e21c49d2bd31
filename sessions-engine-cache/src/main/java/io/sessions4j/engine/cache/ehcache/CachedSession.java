package io.sessions4j.engine.cache.ehcache;

import io.sessions4j.spi.DecodedCopy;
import io.sessions4j.spi.SessionCodec;
import io.sessions4j.spi.SessionStorage;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * <p>The decoded copy lives and dies with this object: a write puts a new entry (without one), and
 * {@link CachedSessionSerializer} writes only the time-to-live and the data, so an entry read back from the
 * disk tier has none and goes through the codec (its signature check) again.
 */
public final class CachedSession {
    private final String data;
    private final Duration ttl;
    /** Private to this entry: never handed out, only copies of it. */
    private volatile SessionCodec.Decoded decoded;

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
     * Keeps a deep copy of {@code decoded}, which the caller states the codec decoded from {@link #data()}.
     * Data with a value that cannot be copied faithfully is not kept.
     */
    void keepDecoded(SessionCodec.Decoded decoded) {
        Map<String, Object> copy = DecodedCopy.of(decoded.data());
        if (copy != null) {
            this.decoded = new SessionCodec.Decoded(copy, decoded.signedAt());
        }
    }

    /**
     * A fresh copy of the kept decoded data's top-level map, which the caller owns; its nested maps and lists are
     * the kept ones, which the store copies before handing them out ({@link SessionStorage.Stored#decoded()}), so a
     * read that touches only strings and numbers copies one small map. Null when none is kept.
     */
    SessionCodec.Decoded decodedCopy() {
        SessionCodec.Decoded kept = decoded;
        return kept == null ? null : new SessionCodec.Decoded(new LinkedHashMap<>(kept.data()), kept.signedAt());
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
