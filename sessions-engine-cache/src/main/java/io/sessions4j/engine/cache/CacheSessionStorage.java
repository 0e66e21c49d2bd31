package io.sessions4j.engine.cache;

import io.sessions4j.api.CreateException;
import io.sessions4j.spi.KeptSession;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.users.PrincipalIndex;
import io.sessions4j.api.users.PrincipalIndexed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * {@link SessionStorage} over any {@link SessionCache}: the one adapter both backends share.
 *
 * <p>The version of a record is its data (the signed string changes with every save that changes
 * anything), so compare-and-set needs no extra field. The cache keeps the time-to-live, so records
 * read back carry a null {@link Stored#expiry() expiry}: a read is one {@code GET}, and nothing
 * above the storage needs it. An expiry already in the past is never sent to the cache as a
 * time-to-live: the record is simply not kept.
 *
 * <p>A cache that keeps its entries in this process (Ehcache's heap) also keeps what the store decoded from
 * each one ({@link SessionCache#keep}) and hands it out, read-only, with later loads, so a read of an
 * unchanged session costs no signature check, no JSON parse, no copy and no expiry arithmetic; Redis keeps nothing
 * of the kind.
 */
public final class CacheSessionStorage implements SessionStorage, PrincipalIndexed {
    private final SessionCache cache;
    private final Clock clock;

    /**
     * @param cache the cache; closed with this storage
     * @param clock the engine's clock, from which time-to-live values are computed
     */
    public CacheSessionStorage(SessionCache cache, Clock clock) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Stored> load(String key, Instant now) {
        SessionCache.Entry entry = cache.getEntry(key).orElse(null);
        if (entry == null) {
            return Optional.empty();
        }
        // A value read as bytes (Redis) goes to the codec as bytes: a read makes no String of it.
        return Optional.of(entry.bytes() != null ? Stored.ofBytes(key, entry.bytes(), null)
                : new Stored(key, entry.value(), null, null, entry.decoded()));
    }

    /** Handed to the cache, which keeps it only where its entries stay in this process (Ehcache's heap). */
    @Override
    public void keep(Stored record, KeptSession kept) {
        cache.keep(record.key(), record.data(), kept);
    }

    @Override
    public boolean keepsDecoded() {
        return cache.keepsDecoded();
    }

    /** As a read's decode: a write's session is kept beside the entry it put (Ehcache's heap), for the next read. */
    @Override
    public boolean keepsWritten(Stored record) {
        return cache.keepsDecoded();
    }

    @Override
    public boolean exists(String key, Instant now) {
        return cache.exists(key);
    }

    @Override
    public Stored create(String key, String data, Instant expiry) {
        Duration ttl = ttl(expiry);
        Stored stored = new Stored(key, data, expiry);
        if (ttl == null) {
            // Already expired: nothing to keep, but a taken key must still be refused.
            if (cache.exists(key)) {
                throw new CreateException("Session key already exists in " + cache.location());
            }
            return stored;
        }
        if (!cache.add(key, data, ttl)) {
            throw new CreateException("Session key already exists in " + cache.location());
        }
        return stored;
    }

    @Override
    public Optional<Stored> replace(String key, Stored expected, String data, Instant expiry) {
        Duration ttl = ttl(expiry);
        Stored next = new Stored(key, data, expiry);
        if (ttl == null) {
            // Saved with an expiry in the past: the session ends now, whatever was stored.
            cache.delete(key);
            return Optional.of(next);
        }
        String version = expected == null ? null : expected.data();
        return cache.compareAndSet(key, version, data, ttl) ? Optional.of(next) : Optional.empty();
    }

    @Override
    public boolean delete(String key) {
        return cache.delete(key);
    }

    /** Always 0: the cache drops entries when their time-to-live ends. */
    @Override
    public long clearExpired(Instant now, LongConsumer progress) {
        return 0;
    }

    @Override
    public boolean needsClearExpired() {
        return false;
    }

    /** The cache's own index by principal. */
    @Override
    public Optional<PrincipalIndex> principalIndex() {
        return cache.principalIndex();
    }

    /** The cache behind this storage, for tools and tests. */
    public SessionCache cache() {
        return cache;
    }

    @Override
    public void close() {
        cache.close();
    }

    @Override
    public String toString() {
        return "CacheSessionStorage[" + cache.location() + "]";
    }

    /** Milliseconds left until {@code expiry}, or null when none are. */
    private Duration ttl(Instant expiry) {
        long millis = Duration.between(clock.instant(), expiry).toMillis();
        return millis > 0 ? Duration.ofMillis(millis) : null;
    }
}
