package io.sessions4j.engine.cache.ehcache;

import io.sessions4j.api.PrivateDirectory;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.engine.cache.CacheSettings;
import io.sessions4j.engine.cache.SessionCache;
import io.sessions4j.spi.KeptSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import io.sessions4j.api.users.InMemoryPrincipalIndex;
import io.sessions4j.api.users.PrincipalIndex;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.impl.internal.TimeSourceConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process backend: one Ehcache 3 cache, bounded on the heap by entry count, optionally
 * backed by a persistent disk tier. Ehcache reads time from the engine's {@link Clock}, so an
 * entry expires exactly when the session does (and a test clock drives expiry).
 *
 * <p>Data that never leaves the process needs no signature check or JSON parse on every read (Django's
 * cache backend keeps the dict itself): a heap entry keeps, beside its signed string, what the codec decoded
 * from exactly that string the first time a request read it (a deep, read-only copy with the store's judgement of
 * when the session ends: {@link KeptSession}), and every later read shares it; the store copies what a request
 * changes or is handed, so a request changing what it read never changes another's. The signed string stays the entry's version for
 * compare-and-set and is all the disk tier stores; entries read back from disk are decoded (and verified) again.
 * The price is heap: a kept session costs a few times the size of its JSON, for each entry read since its last write.
 */
public final class EhcacheSessionCache implements SessionCache {
    private static final Logger LOG = LoggerFactory.getLogger(EhcacheSessionCache.class);
    private static final String ALIAS = "sessions";

    private final CacheManager manager;
    private final Cache<String, CachedSession> cache;
    private final String location;
    private final Path diskPath;
    private final InMemoryPrincipalIndex index;

    /**
     * @param maxEntries sessions kept on the heap
     * @param diskPath   directory of a persistent disk tier, or null for heap only; created {@code 0700} when
     *                   missing, refused when other users can list or write it ({@link PrivateDirectory}), and
     *                   Ehcache's files in it are made {@code 0600}: they hold session keys and data
     * @param diskSizeMb size of the disk tier
     * @param clock      the engine's clock; Ehcache's time source
     */
    public EhcacheSessionCache(int maxEntries, Path diskPath, int diskSizeMb, Clock clock) {
        this.diskPath = diskPath == null ? null : PrivateDirectory.create(diskPath, CacheSettings.DISK_PATH.key());
        ResourcePoolsBuilder pools = ResourcePoolsBuilder.newResourcePoolsBuilder().heap(maxEntries, EntryUnit.ENTRIES);
        if (diskPath != null) {
            pools = pools.disk(diskSizeMb, MemoryUnit.MB, true);
        }
        CacheConfigurationBuilder<String, CachedSession> config = CacheConfigurationBuilder
                .newCacheConfigurationBuilder(String.class, CachedSession.class, pools)
                .withExpiry(new SessionExpiryPolicy())
                .withValueSerializer(new CachedSessionSerializer());
        CacheManagerBuilder<CacheManager> heapOnly = CacheManagerBuilder.newCacheManagerBuilder()
                .using(new TimeSourceConfiguration(clock::millis));
        CacheManagerBuilder<? extends CacheManager> builder = diskPath == null ? heapOnly
                : heapOnly.with(CacheManagerBuilder.persistence(this.diskPath.toFile()));
        this.location = "Ehcache (heap " + maxEntries + " entries"
                + (diskPath == null ? "" : ", disk " + diskSizeMb + " MiB at " + diskPath.toAbsolutePath()) + ")";
        try {
            this.manager = builder.withCache(ALIAS, config).build(true);
        } catch (RuntimeException e) {
            throw new SessionConfigurationException("cache engine: cannot start " + location
                    + (diskPath == null ? "" : " (check sessions.cache.disk_path)") + ": " + rootMessage(e), e);
        }
        this.cache = manager.getCache(ALIAS, String.class, CachedSession.class);
        // The index forgets what Ehcache drops by itself (expiry, eviction) by sweeping, not through an Ehcache
        // event listener: Ehcache hands every write's event to its event threads whatever types a listener asked
        // for (CacheEventDispatcherImpl.onEvent filters inside the task): a queue offer and a thread wake-up per
        // write, measured 2026-12-01 at ~9 µs of the event thread's CPU per write request, and 90 -> 70 µs of the
        // whole server's CPU per write request without the listener (request-cpu.sh, interleaved A/B).
        this.index = new InMemoryPrincipalIndex(cache::containsKey);
        restrictDiskFiles();
        LOG.info("cache engine: {}", location);
    }

    @Override
    public Optional<String> get(String key) {
        return call("get", () -> Optional.ofNullable(cache.get(key)).map(CachedSession::data));
    }

    /** With the session the heap entry keeps (read-only, shared by every read), once a request has read it. */
    @Override
    public Optional<Entry> getEntry(String key) {
        CachedSession entry;
        try {
            entry = cache.get(key); // not through call(): its lambda would cost every read an allocation
        } catch (RuntimeException e) {
            throw failed("get", e);
        }
        return entry == null ? Optional.empty() : Optional.of(entry.entry());
    }

    /**
     * Kept on the heap entry that still holds exactly {@code value}; an entry replaced meanwhile keeps nothing. The
     * disk tier never sees it (see {@link CachedSession}).
     */
    @Override
    public void keep(String key, String value, KeptSession kept) {
        try {
            CachedSession entry = cache.get(key);
            if (entry != null && entry.data().equals(value)) {
                entry.keep(kept);
            }
        } catch (RuntimeException e) {
            // Only a saving for later reads: the read that decoded has its data and must not fail for this.
            LOG.debug("cache engine: keeping a decoded session failed on {}", location, e);
        }
    }

    /** The heap tier keeps sessions in this process. */
    @Override
    public boolean keepsDecoded() {
        return true;
    }

    @Override
    public boolean add(String key, String value, Duration ttl) {
        return call("add", () -> cache.putIfAbsent(key, new CachedSession(value, ttl)) == null);
    }

    @Override
    public void set(String key, String value, Duration ttl) {
        call("set", () -> {
            cache.put(key, new CachedSession(value, ttl));
            return null;
        });
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value, Duration ttl) {
        CachedSession next = new CachedSession(value, ttl);
        if (expected == null) {
            return call("replace", () -> cache.replace(key, next) != null);
        }
        // CachedSession equality is the data alone, so the expected entry's ttl does not matter.
        return call("replace", () -> cache.replace(key, new CachedSession(expected, ttl), next));
    }

    @Override
    public boolean delete(String key) {
        return call("delete", () -> {
            // Ehcache 3 has no remove that reports; a concurrent remove between the two calls only makes
            // this say true for a value another request removed, which is what "was there" means.
            boolean present = cache.containsKey(key);
            cache.remove(key);
            return present;
        });
    }

    @Override
    public boolean exists(String key) {
        return call("exists", () -> cache.containsKey(key));
    }

    /** An index on the heap beside the cache: like the heap tier, one per process. */
    @Override
    public Optional<PrincipalIndex> principalIndex() {
        return Optional.of(index);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
        manager.close();
        restrictDiskFiles(); // files Ehcache wrote while running or closing
    }

    private void restrictDiskFiles() {
        if (diskPath == null) {
            return;
        }
        try {
            PrivateDirectory.restrictContents(diskPath);
        } catch (IOException e) {
            LOG.warn("cache engine: cannot make the disk tier files in {} owner-only: {}", diskPath, e.toString());
        }
    }

    @Override
    public String toString() {
        return location;
    }

    private <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw failed(operation, e);
        }
    }

    private SessionStorageException failed(String operation, RuntimeException e) {
        return new SessionStorageException("cache engine: " + operation + " failed on " + location + ": " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
