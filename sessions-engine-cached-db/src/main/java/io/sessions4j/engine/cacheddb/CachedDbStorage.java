package io.sessions4j.engine.cacheddb;

import io.sessions4j.api.CreateException;
import io.sessions4j.api.LogSafe;
import io.sessions4j.api.SessionCounts;
import io.sessions4j.spi.KeptSession;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.SizeHistogram;
import io.sessions4j.api.users.PrincipalIndex;
import io.sessions4j.api.users.PrincipalIndexed;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-through caching over a database: Django's {@code cached_db}. The database is the truth; the
 * cache only saves database reads.
 *
 * <ul>
 *   <li>Read: the cache; on a miss the database, then the cache is filled with the remaining TTL, and the database
 *       read once more: if a write replaced the data meanwhile (it found no cache entry to update), the fill is
 *       dropped, so the cache never keeps serving data older than a confirmed write.
 *       A hit costs no database statement, and on an in-process cache no decode either once the session was
 *       read there ({@link #keep}).</li>
 *   <li>Write: the database first (its compare-and-set decides), then the cache with its own
 *       compare-and-set, so two writers finishing out of order cannot leave the older data cached.
 *       Delete: the database, then the cache.</li>
 *   <li>The cache is best effort. A failing cache read falls back to the database; a failing cache
 *       write or delete is logged and does not fail the request. After a failure the cache is left
 *       alone for a second, so an outage does not cost every request a cache timeout; then it is
 *       tried again and used as soon as it answers.</li>
 * </ul>
 *
 * <p><b>No resurrection</b> (CVE-2015-3982 is the history: a flushed session still served from the
 * cache). When a cache write or delete fails, the cache may hold data the database no longer has.
 * The key is then remembered as <em>doubtful</em>: until a later cache delete of it succeeds, reads of
 * that key skip the cache and go to the database. Writes cannot resurrect anything either way: they
 * compare-and-set against the database, which refuses a row that is gone. The doubt list is per
 * process; if more keys are in doubt than it holds, the cache is bypassed for reads altogether until
 * the process restarts, which is slower but never wrong.
 *
 * <p>Both tiers must compare versions by the encoded data (as every built-in storage does), since a
 * version read from the cache is handed to the database's compare-and-set.
 */
public final class CachedDbStorage implements SessionStorage, PrincipalIndexed, SizeHistogram.Source {
    private static final Logger LOG = LoggerFactory.getLogger(CachedDbStorage.class);
    static final int MAX_DOUBTFUL_KEYS = 100_000;
    // After a cache failure, skip the cache this long: during an outage every request would otherwise
    // wait for the cache's timeout before falling back to the database.
    static final long RETRY_AFTER_NANOS = 1_000_000_000L;

    private final SessionStorage db;
    private final SessionStorage cache;
    private final Set<String> doubtful = ConcurrentHashMap.newKeySet();
    private volatile boolean cacheUntrusted;
    private volatile boolean cacheDown;
    private volatile long retryCacheAt;

    public CachedDbStorage(SessionStorage db, SessionStorage cache) {
        this.db = db;
        this.cache = cache;
    }

    @Override
    public Optional<Stored> load(String key, Instant now) {
        if (cacheUsable(key)) {
            Optional<Stored> hit = cacheCall("read", key, () -> cache.load(key, now));
            if (hit != null && hit.isPresent()) {
                return hit;
            }
            Optional<Stored> stored = db.load(key, now);
            if (hit != null) { // the cache answered "miss": fill it
                stored.ifPresent(s -> fillFromRead(key, s, now));
            }
            return stored;
        }
        return db.load(key, now);
    }

    /**
     * Handed to the cache tier, which keeps it only beside an entry holding exactly this data (an in-process
     * cache's heap; Redis keeps nothing): a hit — also the first one after a fill from the database — then costs no
     * decode on the next read. Not for a key in doubt, and a failure is only logged: the cache is best effort.
     */
    @Override
    public void keep(Stored record, KeptSession kept) {
        String key = record.key();
        if (cacheUntrusted || doubtful.contains(key)) {
            return;
        }
        cacheCall("keep decoded", key, () -> {
            cache.keep(record, kept);
            return Boolean.TRUE;
        });
    }

    /** As the cache tier: only an in-process cache keeps anything. */
    @Override
    public boolean keepsDecoded() {
        return cache.keepsDecoded();
    }

    /**
     * As the cache tier, which keeps a write's session beside the entry the write put there: the kept session is
     * judged by its data as a cache hit's record (no expiry) is, and {@link #keep} still skips a key in doubt.
     */
    @Override
    public boolean keepsWritten(Stored record) {
        return cache.keepsWritten(record);
    }

    @Override
    public boolean exists(String key, Instant now) {
        if (cacheUsable(key)) {
            Boolean cached = cacheCall("exists", key, () -> cache.exists(key, now));
            if (Boolean.TRUE.equals(cached)) {
                return true;
            }
        }
        return db.exists(key, now);
    }

    @Override
    public Stored create(String key, String data, Instant expiry) {
        Stored stored = db.create(key, data, expiry);
        fill(key, stored);
        return stored;
    }

    @Override
    public Optional<Stored> replace(String key, Stored expected, String data, Instant expiry) {
        Optional<Stored> saved = db.replace(key, expected, data, expiry);
        if (saved.isEmpty()) {
            // Someone else wrote (or deleted) first; the store now re-reads. Make sure that read sees
            // the database, not a cache entry that may be the very data we lost the race against.
            evict(key);
            return saved;
        }
        Boolean cached = cacheCall("write", key, () -> cache.replace(key, expected, data, expiry).isPresent());
        if (cached == null) {
            doubt(key);
        } else if (!cached) {
            evict(key); // the cache held something else (or nothing): drop it, the next read refills
        }
        return saved;
    }

    @Override
    public boolean delete(String key) {
        boolean deleted = db.delete(key);
        evict(key);
        return deleted;
    }

    /** The db tier's sizes, when it can tell them (the cache holds copies of the same data). */
    @Override
    public void liveSizes(Instant now, java.util.function.LongConsumer sizes) {
        if (db instanceof SizeHistogram.Source source) {
            source.liveSizes(now, sizes);
        }
    }

    /** The db tier's index: the db is the record of truth, the cache a copy (issue #16). */
    @Override
    public Optional<PrincipalIndex> principalIndex() {
        return db instanceof PrincipalIndexed indexed ? indexed.principalIndex() : Optional.empty();
    }

    @Override
    public long clearExpired(Instant now, LongConsumer progress) {
        return db.clearExpired(now, progress);
    }

    @Override
    public Optional<SessionCounts> count(Instant now) {
        return db.count(now);
    }

    @Override
    public void close() {
        try {
            cache.close();
        } finally {
            db.close();
        }
    }

    /** The database tier, the source of truth. */
    public SessionStorage database() {
        return db;
    }

    /** The cache tier. */
    public SessionStorage cache() {
        return cache;
    }

    /** Keys currently in doubt, for tests and diagnostics. */
    int doubtfulKeys() {
        return doubtful.size();
    }

    private boolean cacheUsable(String key) {
        if (cacheUntrusted) {
            return false;
        }
        if (doubtful.contains(key)) {
            // Repair first: only a successful delete proves the cache no longer holds stale data.
            if (cacheCall("repair", key, () -> {
                cache.delete(key);
                return Boolean.TRUE;
            }) == null) {
                return false;
            }
            doubtful.remove(key);
        }
        return true;
    }

    /**
     * Fills the cache with {@code stored}, read from the database at {@code now}, and makes sure that did not cache
     * data a write has replaced meanwhile: a write that committed between this read and the fill found no cache entry
     * to update, so without a look at the database again the older data would be served — also to that writer's own
     * next request — until its TTL ran out. Costs a second database read on a fill after a miss, never on a hit.
     */
    private void fillFromRead(String key, Stored stored, Instant now) {
        if (fill(key, stored)) {
            Optional<Stored> current = db.load(key, now);
            if (current.isEmpty() || !current.get().data().equals(stored.data())) {
                evict(key);
            }
        }
    }

    /** Puts {@code stored} in the cache unless it holds the key already; whether it did. */
    private boolean fill(String key, Stored stored) {
        if (cacheUntrusted || doubtful.contains(key)) {
            return false;
        }
        Object filled = cacheCall("fill", key, () -> {
            try {
                return cache.create(key, stored.data(), stored.expiry()) != null;
            } catch (CreateException alreadyCached) {
                return Boolean.FALSE; // a concurrent reader filled it first
            }
        });
        if (filled == null) {
            doubt(key);
        }
        return Boolean.TRUE.equals(filled);
    }

    private void evict(String key) {
        if (cacheCall("delete", key, () -> {
            cache.delete(key);
            return Boolean.TRUE;
        }) == null) {
            doubt(key);
        }
    }

    private void doubt(String key) {
        if (doubtful.size() >= MAX_DOUBTFUL_KEYS) {
            if (!cacheUntrusted) {
                LOG.error("More than {} session keys may be stale in the cache; reading sessions from the database "
                        + "only until restart", MAX_DOUBTFUL_KEYS);
            }
            cacheUntrusted = true;
            return;
        }
        doubtful.add(key);
    }

    /**
     * Runs a cache operation. Answers null, meaning "not done", when it fails (logged once per outage,
     * with its cause) or while the cache is considered down.
     */
    private <T> T cacheCall(String operation, String key, Supplier<T> action) {
        if (cacheDown && System.nanoTime() - retryCacheAt < 0) {
            return null;
        }
        try {
            T result = action.get();
            if (cacheDown) {
                cacheDown = false;
                LOG.info("cached_db: cache is answering again");
            }
            return result;
        } catch (RuntimeException e) {
            if (!cacheDown) {
                LOG.warn("cached_db: cache {} failed for session {}; serving from the database: {}", operation,
                        LogSafe.key(key), e.toString());
            }
            retryCacheAt = System.nanoTime() + RETRY_AFTER_NANOS;
            cacheDown = true;
            return null;
        }
    }

    @Override
    public String toString() {
        return "cached_db[" + cache + " over " + db + "]";
    }
}
