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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-through caching over a database: Django's {@code cached_db}. The database is the truth; the
 * cache only saves database reads.
 *
 * <ul>
 *   <li>Read: the cache; on a miss the database, then the cache is filled with the remaining TTL — first as an
 *       unconfirmed entry, which reads take for a miss and writers evict, confirmed once the database, read again,
 *       still holds that data: a write that committed meanwhile (and found no cache entry to update) is never hidden
 *       behind older cached data.
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
    /**
     * Before and after the data of a cache entry not confirmed yet ({@link #fillFromRead}), which ends with a random tag:
     * {@code ~<data>~<tag>}. Not a character session data starts with (Django's signed values start with URL-safe
     * base64, or {@code .} when compressed); and as the entry no longer ends with the data's signature, a cache's
     * compare-and-set compares all of it (the Redis script compares a signed value's signature only).
     */
    static final String UNCONFIRMED = "~";
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
            if (isConfirmedHit(hit)) {
                return hit;
            }
            Optional<Stored> stored = db.load(key, now);
            if (hit != null && stored.isPresent()) {
                if (hit.isEmpty()) { // the cache answered "miss": fill it
                    fillFromRead(key, stored.get(), now);
                } else { // another reader's fill, not yet confirmed: confirm it if it is what the database holds
                    confirm(key, hit.get(), stored.get());
                }
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
            Optional<Stored> cached = cacheCall("exists", key, () -> cache.load(key, now));
            if (isConfirmedHit(cached)) {
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
     * Fills the cache after a miss with {@code stored}, read from the database at {@code now}, without ever serving data
     * a write has replaced meanwhile. A write that commits between this read and the fill finds no cache entry to
     * update, so a plain fill would cache the older data — served, also to that writer's own next request, until its
     * TTL ran out. So the fill is made <em>unconfirmed</em> ({@code ~<data>~<random tag>}), which every read
     * takes for a miss and every writer's compare-and-set fails on (and then evicts); the database is read once more,
     * and only if it still holds exactly that data does a compare-and-set turn the entry into the data itself. Costs a
     * second database read and a second cache call on a fill, never on a hit.
     */
    private void fillFromRead(String key, Stored stored, Instant now) {
        // A fill of its own (the random tag): a compare-and-set confirms this very entry, never an equal one another
        // reader made after a write had evicted this one.
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        Stored unconfirmed = new Stored(key, UNCONFIRMED + stored.data() + UNCONFIRMED + tag, stored.expiry());
        if (fill(key, unconfirmed)) {
            Optional<Stored> current = db.load(key, now);
            if (current.isPresent()) {
                confirm(key, unconfirmed, current.get());
            } else {
                evict(key);
            }
        }
    }

    /**
     * Turns the unconfirmed entry {@code cached} ({@code ~<data>~<tag>}, as read or as filled) into {@code current}'s data
     * if that is the very data it holds, with a compare-and-set, as {@code current} was read from the database after the
     * entry was made; otherwise drops it. A write that committed in between either finds the entry unconfirmed and evicts
     * it (this compare-and-set then fails) or comes after it and updates the confirmed entry with its own compare-and-set.
     */
    private void confirm(String key, Stored cached, Stored current) {
        String data = cached.data();
        String wanted = current.data();
        int end = UNCONFIRMED.length() + wanted.length();
        if (data.length() <= end || !data.startsWith(UNCONFIRMED, end)
                || !data.regionMatches(UNCONFIRMED.length(), wanted, 0, wanted.length())) {
            evict(key);
            return;
        }
        if (cacheCall("confirm", key, () -> cache.replace(key, cached, wanted, current.expiry())) == null) {
            doubt(key);
        }
    }

    /**
     * Whether a cache read answered with an entry to serve: present and not a fill still unconfirmed
     * ({@link #fillFromRead}), which is a miss for every reader. Null (the cache failed): no.
     */
    private static boolean isConfirmedHit(Optional<Stored> hit) {
        return hit != null && hit.isPresent() && !hit.get().dataStartsWith(UNCONFIRMED.charAt(0));
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
