package io.sessions4j.api;

import io.sessions4j.spi.DecodedCopy;
import io.sessions4j.spi.KeptSession;
import io.sessions4j.spi.SessionCodec;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.spi.SignedJsonCodec;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's view of one session: Django's {@code request.session}, as a {@link Map}.
 *
 * <p>Every Django rule lives here, once: lazy loading, the {@code accessed}/{@code modified}
 * flags, expiry arithmetic, key validation, {@link #flush()}, {@link #cycleKey()} and the
 * compare-and-set save loop that keeps concurrent requests from losing each other's changes. An
 * engine only supplies a {@link SessionStorage}.
 *
 * <p>Values are JSON values (String, Number, Boolean, null, List, Map) or objects Jackson can
 * write; read them back typed with {@link #get(String, Type)}. If you change a nested list or map
 * in place, call {@link #setModified(boolean) setModified(true)} — and prefer {@link #put} of the
 * changed value, because only keys written through the store are re-applied when a concurrent
 * request saved first.
 *
 * <p>Not thread-safe: one store serves one request.
 */
public final class SessionStore extends AbstractMap<String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    /** Django's {@code TEST_COOKIE_NAME}. */
    public static final String TEST_COOKIE_NAME = "testcookie";
    /** Django's {@code TEST_COOKIE_VALUE}. */
    public static final String TEST_COOKIE_VALUE = "worked";
    /** The key under which Django keeps a per-session expiry. */
    public static final String EXPIRY_KEY = "_session_expiry";
    /**
     * The key under which sessions4j keeps when a session was first saved, in epoch milliseconds (written by
     * {@link io.sessions4j.api.http.SessionLifecycle}, and by the store itself when it creates a session with
     * {@code sessions.max_lifetime} on, which counts from it; Django ignores unknown keys).
     */
    public static final String CREATED_KEY = "_session_created";

    // A conflict means another request saved; it cannot recur forever, but a bound turns a
    // pathological storm into a clear error rather than a hung request.
    private static final int MAX_SAVE_ATTEMPTS = 100;
    private static final int MAX_CREATE_ATTEMPTS = 10;

    private final SessionContext context;
    private final SessionCodec codec;
    private final SessionStorage storage;

    private String sessionKey;
    private Map<String, Object> cache;
    private SessionStorage.Stored loaded;
    private boolean accessed;
    private boolean modified;
    // Data from a storage that keeps it (Stored.decoded) is the storage's own, read-only, shared by every request that
    // reads the record: a read-only request copies nothing (issue #20). sharedMap: cache itself is that map, copied
    // on the first change (writable()). sharedValues: its nested maps and lists are, copied one by one before they are
    // handed out; ownedKeys names the values that no longer are (copied, or put by this request).
    private boolean sharedMap;
    private boolean sharedValues;
    private Set<String> ownedKeys;

    // This request's changes, re-applied onto fresh data when a concurrent save won the race. Made on the first
    // change: most requests only read.
    private boolean cleared;
    private Map<String, Object> written;
    private Set<String> removed;

    // Index by user and events (SessionTracker, issue #16): the principal stored under sessionKey as last
    // read or written, so a save can tell whether it changes; and what a cycleKey() moves away from.
    private final SessionTracker tracker;
    private final VerifiedRecords verified;
    private String storedPrincipal;
    // Loaded from a storage's shared, read-only map: the principal is read from it when first needed, which a plain
    // read never is (one look-up fewer per read).
    private Map<String, Object> storedPrincipalSource;
    private String cyclingFrom;
    private String cyclingPrincipal;

    /**
     * A store over a storage and its codec; engines hand these out ({@link SessionEngine#open}).
     *
     * @param sessionKey the client's key; kept only if {@link SessionStorage#isValidKey(String)} accepts it
     */
    public SessionStore(SessionContext context, SessionCodec codec, SessionStorage storage, String sessionKey) {
        this(context, codec, storage, sessionKey, SessionTracker.NONE, VerifiedRecords.NONE);
    }

    /**
     * A store of a {@link StorageSessionEngine}, whose tracker keeps the index by user and tells listeners, and whose
     * memo of verified records ({@link VerifiedRecords}) spares decodes of records read again unchanged.
     */
    SessionStore(SessionContext context, SessionCodec codec, SessionStorage storage, String sessionKey,
                 SessionTracker tracker, VerifiedRecords verified) {
        this.context = Objects.requireNonNull(context, "context");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.sessionKey = storage.isValidKey(sessionKey) ? sessionKey : null;
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.verified = Objects.requireNonNull(verified, "verified");
    }

    // --- Map / dict API -----------------------------------------------------------------------

    /** The value, or null when absent. Marks the session accessed. */
    @Override
    public Object get(Object key) {
        Map<String, Object> data = session();
        if (sharedMap) {
            // The storage's kept session, unchanged by this request: a value that is not a map or list is handed out
            // as it is, without even looking at it (a read of an unchanged session is all memory latency).
            KeptSession kept = (KeptSession) data;
            int slot = kept.slotOf(key);
            if (slot < 0) {
                return null;
            }
            Object value = kept.valueAt(slot);
            return kept.isContainerAt(slot) ? owned(key, value) : value;
        }
        return owned(key, data.get(key));
    }

    /**
     * The value converted to {@code type} (a record, POJO, {@code Integer.class}...), or null.
     * Values read from storage are plain JSON (maps, lists, numbers); this turns them back. A value put with
     * {@link #putTyped} is read as its own type first.
     */
    public <T> T get(String key, Class<T> type) {
        Object value = getTyped(key);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        return codec.serializer().convert(value, type);
    }

    /** Like {@link #get(String, Class)} for generic types, e.g. from a {@code TypeReference}. */
    public <T> T get(String key, Type type) {
        Object value = getTyped(key);
        return value == null ? null : codec.serializer().convert(value, type);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        return session().containsKey(key) ? get(key) : defaultValue;
    }

    @Override
    public boolean containsKey(Object key) {
        return session().containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return session().containsValue(value);
    }

    @Override
    public int size() {
        return session().size();
    }

    /** Sets a value; the session is modified. */
    @Override
    public Object put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Object previous = unshared(key, writable().put(key, value));
        owns(key);
        modified = true;
        changed(key, value);
        return previous;
    }

    /** Django's {@code update()}: always marks the session modified, even for an empty map. */
    @Override
    public void putAll(Map<? extends String, ?> values) {
        Map<String, Object> data = writable();
        modified = true;
        values.forEach((k, v) -> {
            data.put(Objects.requireNonNull(k, "key"), v);
            owns(k);
            changed(k, v);
        });
    }

    /** Removes a key if present (like {@code pop(key, null)}); modified only when it was there. */
    @Override
    public Object remove(Object key) {
        return pop((String) key, null);
    }

    /**
     * Django's {@code pop(key)}: removes and returns the value.
     *
     * @throws NoSuchElementException when the key is absent (Django's {@code KeyError})
     */
    public Object pop(String key) {
        Map<String, Object> data = session();
        if (!data.containsKey(key)) {
            throw new NoSuchElementException(key);
        }
        return pop(key, null);
    }

    /** Django's {@code pop(key, default)}: modified only when the key was present. */
    public Object pop(String key, Object defaultValue) {
        Map<String, Object> data = session();
        if (!data.containsKey(key)) {
            return defaultValue;
        }
        modified = true;
        removedChange(key);
        return unshared(key, writable().remove(key));
    }

    /** Django's {@code setdefault}: stores and returns {@code value} when absent, else the stored value. */
    public Object setDefault(String key, Object value) {
        Map<String, Object> data = session();
        if (data.containsKey(key)) {
            return get(key);
        }
        put(key, value);
        return value;
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        Object current = get(key);
        return current != null ? current : put(key, value);
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        for (Map.Entry<String, Object> e : new LinkedHashMap<>(ownedValues()).entrySet()) {
            put(e.getKey(), function.apply(e.getKey(), e.getValue()));
        }
    }

    /** Empties the session without reading storage first. Accessed and modified. */
    @Override
    public void clear() {
        cache = new LinkedHashMap<>();
        sharedMap = false;
        share(false);
        accessed = true;
        modified = true;
        cleared = true;
        written = null;
        removed = null;
    }

    /** A read-only live view of the keys. */
    @Override
    public Set<String> keySet() {
        // Made writable first: a view of a storage's shared map would not follow this request's later changes.
        return Collections.unmodifiableSet(writable().keySet());
    }

    /** A read-only live view of the values. */
    @Override
    public Collection<Object> values() {
        return Collections.unmodifiableCollection(ownedValues().values());
    }

    /** A read-only live view of the entries. */
    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return Collections.unmodifiableMap(ownedValues()).entrySet();
    }

    /**
     * Django's {@code is_empty()}, not the Map meaning: true when the store has no session key
     * and no data was loaded or set. Does not load and does not mark the session accessed.
     */
    @Override
    public boolean isEmpty() {
        return sessionKey == null && (cache == null || cache.isEmpty());
    }

    // --- principal (issue #16) ------------------------------------------------------------------

    /**
     * The user this session belongs to: the value under {@code sessions.principal.key} (default Django's
     * {@code _auth_user_id}) as text, or null. Marks the session accessed.
     */
    public String getPrincipal() {
        return principalOf(session());
    }

    /**
     * Binds the session to {@code principal} (null unbinds): the same as writing {@code sessions.principal.key},
     * which is what any other write of that key does too. Call {@link #cycleKey()} on login as well. The
     * engine's index follows when the session is saved; with {@code sessions.max_per_user} the save revokes
     * the principal's oldest sessions, or with {@code prevent_login} refuses the binding — checked here
     * already, so a login handler can answer before doing anything else.
     *
     * @throws TooManySessionsException when the principal has no session left to open
     */
    public void setPrincipal(String principal) {
        if (principal == null) {
            remove(context.principalKey());
            return;
        }
        data();
        tracker.checkBinding(sessionKey, sessionKey == null ? null : storedPrincipal(), principal);
        put(context.principalKey(), principal);
    }

    /** The principal stored under {@link #sessionKey} as last read or written. */
    private String storedPrincipal() {
        if (storedPrincipalSource != null) {
            storedPrincipal = principalOf(storedPrincipalSource);
            storedPrincipalSource = null;
        }
        return storedPrincipal;
    }

    private void storedPrincipal(String principal) {
        storedPrincipal = principal;
        storedPrincipalSource = null;
    }

    private String principalOf(Map<String, Object> data) {
        return SessionTracker.principalOf(data, context.principalKey());
    }

    // --- flags ---------------------------------------------------------------------------------

    /** Whether the data was read or written during this request (the response then varies on Cookie). */
    public boolean isAccessed() {
        return accessed;
    }

    /** Whether the data changed during this request (it will be saved). */
    public boolean isModified() {
        return modified;
    }

    /** Django's {@code session.modified = True}, for values changed in place. */
    public void setModified(boolean modified) {
        this.modified = modified;
    }

    /** The session key, or null when the session has none yet. Never loads. */
    public String getSessionKey() {
        return sessionKey;
    }

    // --- test cookie -------------------------------------------------------------------------------

    public void setTestCookie() {
        put(TEST_COOKIE_NAME, TEST_COOKIE_VALUE);
    }

    public boolean testCookieWorked() {
        return TEST_COOKIE_VALUE.equals(get(TEST_COOKIE_NAME));
    }

    /** @throws NoSuchElementException when no test cookie was set (Django raises KeyError) */
    public void deleteTestCookie() {
        pop(TEST_COOKIE_NAME);
    }

    // --- expiry ---------------------------------------------------------------------------------

    /** Seconds until expiry, counted from now; the cookie age when the session has no own expiry or 0. */
    public long getExpiryAge() {
        return getExpiryAge(context.clock().instant());
    }

    /** Seconds from {@code modification} to expiry, floored toward minus infinity as Django does. */
    public long getExpiryAge(Instant modification) {
        return context.lifetime().cap(expiryAge(modification, get(EXPIRY_KEY)), modification, data());
    }

    /** When the session expires, counted from now. */
    public Instant getExpiryDate() {
        return getExpiryDate(context.clock().instant());
    }

    /** When the session expires if last modified at {@code modification}. */
    public Instant getExpiryDate(Instant modification) {
        return context.lifetime().cap(expiryDate(modification, get(EXPIRY_KEY)), data());
    }

    /**
     * Seconds of inactivity until expiry; {@code 0} means "at browser close" (the stored age is then
     * the cookie age).
     *
     * @throws IllegalArgumentException when now + seconds falls outside 1970 to year 9999 UTC (see ExpiryValues)
     */
    public void setExpiry(long seconds) {
        put(EXPIRY_KEY, ExpiryValues.checkedSeconds(seconds, context.clock().instant()));
    }

    /**
     * Expire after {@code duration} from now: stored as an ISO-8601 date, as Django does for a timedelta.
     *
     * @throws IllegalArgumentException when the date falls outside 1970 to year 9999 UTC
     */
    public void setExpiry(Duration duration) {
        setExpiry(ExpiryValues.dateAfter(context.clock().instant(), duration));
    }

    /**
     * Expire at {@code instant}: stored as an ISO-8601 date.
     *
     * @throws IllegalArgumentException when the date falls outside 1970 to year 9999 UTC
     */
    public void setExpiry(Instant instant) {
        put(EXPIRY_KEY, ExpiryValues.isoFormat(ExpiryValues.checkedDate(instant)));
    }

    /**
     * Django's {@code set_expiry(value)} for any accepted type: null restores the global policy;
     * a whole number is seconds; a {@link Duration}, {@link Instant}, {@link OffsetDateTime} or
     * {@link ZonedDateTime} is a date.
     */
    public void setExpiry(Object value) {
        if (value == null) {
            pop(EXPIRY_KEY, null);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            setExpiry(((Number) value).longValue());
        } else if (value instanceof Duration d) {
            setExpiry(d);
        } else if (value instanceof Instant i) {
            setExpiry(i);
        } else if (value instanceof OffsetDateTime t) {
            setExpiry(t.toInstant());
        } else if (value instanceof ZonedDateTime t) {
            setExpiry(t.toInstant());
        } else {
            throw new IllegalArgumentException("Unsupported expiry " + value.getClass().getName()
                    + ": use null, whole seconds, Duration or Instant");
        }
    }

    /**
     * Whether the cookie should end with the browser: the {@code sessions.expire_at_browser_close}
     * setting when the session has no own expiry, else whether its expiry is 0.
     */
    public boolean getExpireAtBrowserClose() {
        Object expiry = get(EXPIRY_KEY);
        if (expiry == null) {
            return context.expireAtBrowserClose();
        }
        return expiry instanceof Number n && n.doubleValue() == 0;
    }

    private long expiryAge(Instant modification, Object expiry) {
        return ExpiryValues.age(modification, expiry, context.cookieAge());
    }

    private Instant expiryDate(Instant modification, Object expiry) {
        return ExpiryValues.date(modification, expiry, context.cookieAge());
    }

    // --- lifecycle: Django's flush, cycle_key, save, create, delete -----------------------------

    /** Logout: deletes the stored session and empties this one; the store has no key afterwards. */
    public void flush() {
        clear();
        delete();
    }

    /**
     * Login: moves the same data to a new key and deletes the old record (prevents session fixation).
     *
     * @throws UpdateException when the session this store started from was deleted (a logout in a
     *                         concurrent request) or expired meanwhile: the data is not kept under the new
     *                         key either, and this store is left empty without a key, so a logout can never
     *                         be undone by a key rotation
     */
    public void cycleKey() {
        Map<String, Object> data = writable();
        String oldKey = sessionKey;
        SessionStorage.Stored started = loaded;
        String oldPrincipal = storedPrincipal();
        cyclingFrom = oldKey;
        cyclingPrincipal = oldPrincipal;
        try {
            create();
        } finally {
            cyclingFrom = null;
            cyclingPrincipal = null;
        }
        cache = data;
        boolean oldDeleted = oldKey != null && storage.delete(oldKey);
        if (oldKey != null) {
            tracker.deleted(oldKey, oldPrincipal, true, context.clock().instant());
        }
        if (oldKey != null && !oldDeleted && started != null) {
            // Another request deleted the session between our load and now: undo the copy, and hold nothing
            // that a later save could store again.
            storage.delete(sessionKey);
            tracker.deleted(sessionKey, storedPrincipal(), true, context.clock().instant());
            storedPrincipal(null);
            clear();
            sessionKey = null;
            loaded = null;
            throw new UpdateException("Session " + abbreviated(oldKey)
                    + " was deleted or expired by another request before its key could be changed");
        }
    }

    /** Saves the session, creating it under a fresh key when it has none. */
    public void save() {
        save(false);
    }

    /**
     * Saves the session. With {@code mustCreate}, inserts and fails with {@link CreateException}
     * if the key exists. Otherwise compare-and-sets against what this store loaded; when another
     * request saved in between, re-reads, re-applies this request's changes and tries again.
     *
     * @throws UpdateException when the stored session vanished (deleted or expired) meanwhile
     */
    public void save(boolean mustCreate) {
        if (sessionKey == null) {
            create();
            return;
        }
        Instant now = context.clock().instant();
        long started = System.nanoTime();
        if (mustCreate) {
            // Django's _get_session(no_load=True): a new key has nothing to read.
            Map<String, Object> data = cache != null ? writableData() : (cache = new LinkedHashMap<>());
            if (context.lifetime().isOn()) {
                data.putIfAbsent(CREATED_KEY, now.toEpochMilli()); // sessions.max_lifetime counts from here
            }
            String principal = principalOf(data);
            tracker.checkBinding(sessionKey, cyclingPrincipal, principal);
            String encoded = codec.encode(data, now);
            Instant expiry = endFrom(now, data);
            stored(storage.create(sessionKey, encoded, expiry));
            keepWritten(data, now);
            storedPrincipal(principal);
            tracker.created(sessionKey, cyclingFrom, cyclingPrincipal, principal, expiry, encoded.length(), started, now);
            return;
        }
        Map<String, Object> data = data();
        tracker.checkBinding(sessionKey, storedPrincipal(), principalOf(data));
        for (int attempt = 1; ; attempt++) {
            String encoded = codec.encode(data, now);
            Instant expiry = endFrom(now, data);
            Optional<SessionStorage.Stored> saved = storage.replace(sessionKey, loaded, encoded, expiry);
            if (saved.isPresent()) {
                stored(saved.get());
                keepWritten(data, now);
                String before = storedPrincipal();
                storedPrincipal(principalOf(data));
                tracker.updated(sessionKey, before, storedPrincipal(), expiry, encoded.length(), attempt - 1, started, now);
                return;
            }
            SessionStorage.Stored current = storage.load(sessionKey, now).orElseThrow(() -> new UpdateException(
                    "Session " + abbreviated(sessionKey) + " was deleted or expired by another request before it could be saved"));
            if (attempt >= MAX_SAVE_ATTEMPTS) {
                throw new UpdateException("Session " + abbreviated(sessionKey) + " changed under " + attempt
                        + " consecutive save attempts; giving up");
            }
            loaded = current;
            Map<String, Object> fresh = freshData(current, now);
            if (fresh == null) {
                fresh = new LinkedHashMap<>();
            }
            storedPrincipal(principalOf(fresh));
            data = reapplyChangesTo(fresh, current.decoded() != null);
            cache = data;
            sharedMap = false;
            share(current.decoded() != null);
            if (sharedValues && written != null) {
                ownedKeySet().addAll(written.keySet());
            }
        }
    }

    /** Creates a new record for the current data under a fresh random key. */
    public void create() {
        String previousKey = sessionKey;
        SessionStorage.Stored previousLoaded = loaded;
        for (int attempt = 1; ; attempt++) {
            sessionKey = SessionKeys.generate();
            try {
                save(true);
                modified = true;
                return;
            } catch (CreateException e) {
                if (attempt >= MAX_CREATE_ATTEMPTS) {
                    restore(previousKey, previousLoaded);
                    throw e;
                }
            } catch (RuntimeException e) {
                // Storage down: the new key was never stored, so do not keep it.
                restore(previousKey, previousLoaded);
                throw e;
            }
        }
    }

    private void restore(String key, SessionStorage.Stored stored) {
        sessionKey = key;
        loaded = stored;
    }

    /** The record just written: its key (a signed cookie's changes with its data) and what the next save compares. */
    private void stored(SessionStorage.Stored record) {
        loaded = record;
        sessionKey = record.key();
        forgetChanges();
    }

    /**
     * Offers the storage, if it keeps written sessions ({@link SessionStorage#keepsWritten}), the session just saved as
     * {@link #loaded}: the codec's decoded copy of {@code data}, made from the values without the bytes, so that the
     * next load of exactly that record (the next read of an in-process cache's entry) skips the signature check,
     * base64 and the parse (issue #20: every read after a write decoded what the write had just encoded).
     */
    private void keepWritten(Map<String, Object> data, Instant now) {
        boolean keeps = storage.keepsWritten(loaded);
        if (!keeps && !verified.holds(loaded.key())) {
            return;
        }
        SessionCodec.Decoded copy = codec.decodedCopy(data, now);
        if (copy == null) {
            return;
        }
        // Judged as a load of the record judges it: such storages' records carry no expiry and no modification time.
        // (A recalled record is judged again from the record as read then: its end here is not used.)
        Instant end = endFrom(copy.signedAt(), copy.data());
        KeptSession kept = KeptSession.ofCopy(copy.data(), copy.signedAt(), end, context);
        if (kept != null && keeps) {
            storage.keep(loaded, kept);
        } else if (kept != null) {
            verified.rememberWritten(loaded, kept);
        }
    }

    /** Whether a live session with this key exists in storage. */
    public boolean exists(String key) {
        return storage.isValidKey(key) && storage.exists(key, context.clock().instant());
    }

    /**
     * Deletes this session's record, if it has a key, and empties this store: it has no key afterwards
     * (accessed and modified), so the request cycle deletes the client's cookie. Django's server-side
     * backends leave the deleted data in memory, where no save could ever store it again; its signed-cookie
     * backend empties the session as here — one rule for every engine.
     */
    public void delete() {
        if (sessionKey != null) {
            delete(sessionKey);
            clear();
            sessionKey = null;
            loaded = null;
            storedPrincipal(null);
        }
    }

    /** Deletes the record of {@code key}. */
    public void delete(String key) {
        if (storage.isValidKey(key)) {
            storage.delete(key);
            verified.forget(key);
            tracker.deleted(key, key.equals(sessionKey) ? storedPrincipal() : null, false, context.clock().instant());
        }
    }

    /**
     * Loads now, without marking the session accessed, and tells whether the key names a live stored
     * session. Used to pick among several cookies of the same name.
     */
    public boolean isStored() {
        data();
        return sessionKey != null && loaded != null;
    }

    // --- loading -------------------------------------------------------------------------------

    /**
     * Reads the stored data. A missing, expired or unreadable record leaves the store with no key and empty
     * data: an unreadable record is as good as none (Django keeps the key of a server-side record whose data
     * fails its signature; here no request can ever write under a key whose data it could not verify).
     */
    private Map<String, Object> load() {
        Instant now = context.clock().instant();
        long started = tracker.startTiming();
        SessionStorage.Stored stored = storage.load(sessionKey, now).orElse(null);
        tracker.loaded(started, stored != null);
        if (stored != null) {
            KeptSession kept = stored.decoded();
            if (kept != null && kept.judgedBy(context)) {
                // What this store kept from an earlier verified decode of exactly this data, with the end it judged
                // then: the same judgement now is one comparison with the clock.
                if (!kept.endsAfter(now)) {
                    return ended(stored, kept, kept.signedAt(), kept.end(), now);
                }
                return shared(stored, kept);
            }
            KeptSession recalled = verified.recall(stored);
            if (recalled != null) {
                // Decoded here before from exactly this data, which the storage returned again: judged as a decode of it
                // is, from the record as read now (its expiry, its file time) and the data.
                Instant end = end(stored, recalled, recalled.signedAt());
                if (!end.isAfter(now)) {
                    return ended(stored, recalled, recalled.signedAt(), end, now);
                }
                return shared(stored, recalled);
            }
            // The codec checks the signature: anything a storage did not keep from a decode (a disk tier, a network
            // cache, a database, a rotated secret's data read for the first time, tampered data) goes through it.
            SessionCodec.Decoded decoded = decode(stored, now);
            if (decoded != null) {
                Map<String, Object> data = decoded.data();
                Instant end = end(stored, data, decoded.signedAt());
                if (!end.isAfter(now)) {
                    return ended(stored, data, decoded.signedAt(), end, now);
                }
                loaded = stored;
                storedPrincipal(principalOf(data));
                boolean keeps = storage.keepsDecoded(stored);
                if (keeps || verified.admits(stored)) {
                    // Before any change to the data: what is kept is a copy of it as decoded.
                    KeptSession keep = KeptSession.of(data, decoded.signedAt(), end, context);
                    if (keep != null && keeps) {
                        storage.keep(stored, keep);
                    } else if (keep != null) {
                        verified.remember(stored, keep);
                    }
                }
                share(false);
                // The JSON serializer's own map is as mutable and ordered as a LinkedHashMap: no copy of it.
                return data instanceof LinkedHashMap || data instanceof JsonObjectMap ? data : new LinkedHashMap<>(data);
            }
            // The codec logged why (bad signature, unreadable data); this says which session the user lost.
            LOG.warn("Session {} could not be read and starts over empty", LogSafe.key(sessionKey));
        }
        sessionKey = null;
        loaded = null;
        return new LinkedHashMap<>();
    }

    /** {@code kept}, the session of {@code stored}: shared with every request reading it, copied on the first change. */
    private Map<String, Object> shared(SessionStorage.Stored stored, KeptSession kept) {
        loaded = stored;
        storedPrincipal = null;
        storedPrincipalSource = kept;
        sharedMap = true;
        share(true);
        return kept;
    }

    /**
     * The store alone judges expiry: the session of {@code data} ends at the storage's expiry where it keeps one (a db
     * column), else at {@code _session_expiry} counted from the last modification — the storage's (a file's
     * modification time, as Django's file backend judges) or the data's signing time (caches, cookies) — and never
     * after the end of {@code sessions.max_lifetime}. Live strictly before it. A function of the record alone, so an
     * in-process storage keeps it beside the record ({@link KeptSession}).
     */
    private Instant end(SessionStorage.Stored stored, Map<String, Object> data, Instant signedAt) {
        if (stored.expiry() != null) {
            return context.lifetime().cap(stored.expiry(), data);
        }
        return endFrom(stored.modified() != null ? stored.modified() : signedAt, data);
    }

    /** Found, but the store judged it ended at {@code end} (its own expiry, or sessions.max_lifetime): no session. */
    private Map<String, Object> ended(SessionStorage.Stored stored, Map<String, Object> data, Instant signedAt,
                                      Instant end, Instant now) {
        if (stored.expiry() == null && !context.lifetime().outlived(data, now)) {
            // Routine, not an attack: informational, on the security logger with the rest of what is refused.
            SignedJsonCodec.SECURITY.info("Session expired at {} (last modified at {})", end,
                    stored.modified() != null ? stored.modified() : signedAt);
        }
        tracker.expired(sessionKey, principalOf(data), now);
        sessionKey = null;
        loaded = null;
        return new LinkedHashMap<>();
    }

    /**
     * The record's data for re-applying this request's changes after a lost race: what the storage kept from an
     * earlier verified decode of exactly this data (read-only), else the codec's decode. Null when unreadable.
     */
    private Map<String, Object> freshData(SessionStorage.Stored stored, Instant now) {
        if (stored.decoded() != null) {
            return stored.decoded();
        }
        SessionCodec.Decoded decoded = decode(stored, now);
        return decoded == null ? null : decoded.data();
    }

    /**
     * The codec's decode of the record's data (it checks the signature), or null when unreadable. Data a storage read
     * as bytes is decoded from them, so a read never makes a String of it (issue #20: ~700 B per read).
     */
    private SessionCodec.Decoded decode(SessionStorage.Stored stored, Instant now) {
        return (stored.bytes() != null ? codec.decode(stored.bytes(), now) : codec.decode(stored.data(), now)).orElse(null);
    }

    /**
     * The end of the session of {@code data} last modified at {@code modification}: its own expiry counted from then,
     * never past the end of {@code sessions.max_lifetime}. What a save hands to storage (from now), and what a load
     * judges from a record's modification or signing time.
     */
    private Instant endFrom(Instant modification, Map<String, Object> data) {
        return context.lifetime().cap(expiryDate(modification, data.get(EXPIRY_KEY)), data);
    }

    /** The data without marking it accessed, loading it if needed. */
    private Map<String, Object> data() {
        if (cache == null) {
            cache = sessionKey == null ? new LinkedHashMap<>() : load();
        }
        return cache;
    }

    /** The data as {@code _session}: marks the session accessed. Read-only: it may be a storage's shared map. */
    private Map<String, Object> session() {
        accessed = true;
        return data();
    }

    /** {@link #session()} to change: a storage's shared map is first replaced by this request's own copy. */
    private Map<String, Object> writable() {
        accessed = true;
        return writableData();
    }

    /** {@link #data()} to change, without marking the session accessed. */
    private Map<String, Object> writableData() {
        Map<String, Object> data = data();
        if (sharedMap) {
            // The nested values stay shared (sharedValues): they are copied one by one when handed out.
            cache = data = new LinkedHashMap<>(data);
            sharedMap = false;
        }
        return data;
    }

    /** {@code fresh} with this request's changes; a storage's shared map ({@code freshShared}) is copied first. */
    private Map<String, Object> reapplyChangesTo(Map<String, Object> fresh, boolean freshShared) {
        Map<String, Object> merged = cleared ? new LinkedHashMap<>() : freshShared ? new LinkedHashMap<>(fresh) : fresh;
        if (removed != null) {
            removed.forEach(merged::remove);
        }
        if (written != null) {
            merged.putAll(written);
        }
        return merged;
    }

    /** Records a write of this request. */
    private void changed(String key, Object value) {
        if (written == null) {
            written = new LinkedHashMap<>();
        }
        written.put(key, value);
        if (removed != null) {
            removed.remove(key);
        }
    }

    /** Records a removal by this request. */
    private void removedChange(String key) {
        if (written != null) {
            written.remove(key);
        }
        if (removed == null) {
            removed = new HashSet<>();
        }
        removed.add(key);
    }

    private void forgetChanges() {
        cleared = false;
        written = null;
        removed = null;
    }

    // --- values kept by an in-process storage: shared until handed out -------------------------------

    /**
     * {@code value} as application code may change it: a map or list still shared with the storage's kept copy is
     * replaced in the data by a copy of its own, once (no change to the session: the copy is equal).
     */
    private Object owned(Object key, Object value) {
        Object own = ownCopy((String) key, value);
        if (own != value) {
            writable().put((String) key, own);
        }
        return own;
    }

    private Object ownCopy(String key, Object value) {
        return sharedValues && DecodedCopy.isContainer(value) && ownedKeySet().add(key) ? DecodedCopy.copy(value) : value;
    }

    /** The value just taken out of the data under {@code key}, as the caller may change it. */
    private Object unshared(String key, Object value) {
        boolean owned = ownedKeys != null && ownedKeys.remove(key);
        return sharedValues && DecodedCopy.isContainer(value) && !owned ? DecodedCopy.copy(value) : value;
    }

    /** Notes that the value under {@code key} is this request's own (put by it). */
    private void owns(String key) {
        if (sharedValues) {
            ownedKeySet().add(key);
        }
    }

    private Set<String> ownedKeySet() {
        if (ownedKeys == null) {
            ownedKeys = new HashSet<>();
        }
        return ownedKeys;
    }

    /** The data with no value shared with a storage any more, for views that hand out every value. */
    private Map<String, Object> ownedValues() {
        Map<String, Object> data = writable();
        if (sharedValues) {
            data.replaceAll(this::ownCopy);
            share(false);
        }
        return data;
    }

    private void share(boolean shared) {
        sharedValues = shared;
        ownedKeys = null;
    }

    // --- typed values: the Java type survives the next request (see TypedValues) ----------------

    /**
     * Puts {@code value} so that {@link #getTyped} returns it as the same Java type on a later request: plain JSON
     * values stay plain, others are kept with their allowlisted type name.
     *
     * @throws IllegalArgumentException when the type is not allowlisted or cannot be written and read as JSON
     */
    public void putTyped(String key, Object value) {
        put(key, context.typedValues().encode(value));
    }

    /** A value put with {@link #putTyped}, as its Java type; null when absent or not readable (logged at WARN). */
    public Object getTyped(String key) {
        return context.typedValues().decode(get(key), () -> "session " + abbreviated(sessionKey) + ", attribute " + key);
    }

    static String abbreviated(String key) {
        return LogSafe.key(key);
    }

    /** Does not print data: sessions hold secrets. */
    @Override
    public String toString() {
        return "SessionStore[key=" + abbreviated(sessionKey) + ", accessed=" + accessed + ", modified=" + modified + "]";
    }
}
