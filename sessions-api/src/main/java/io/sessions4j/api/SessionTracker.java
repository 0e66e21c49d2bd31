package io.sessions4j.api;

import io.sessions4j.spi.SessionCodec;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.events.SessionEvent;
import io.sessions4j.api.events.SessionEvents;
import io.sessions4j.api.events.SessionListener;
import io.sessions4j.api.users.PrincipalIndex;
import io.sessions4j.api.users.PrincipalIndexed;
import io.sessions4j.api.users.SessionHandles;
import io.sessions4j.api.users.SessionsByUser;
import io.sessions4j.api.users.UserSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an engine does around its stores' storage calls, kept out of {@link SessionStore}'s rules: the
 * index by principal, the per-user cap, and telling {@link SessionListener}s. One per engine, shared by
 * its stores; {@link SessionStore} calls it only after storage succeeded (and, for the cap with
 * {@code prevent_login}, before a save that binds a principal).
 *
 * <p>Cost: nothing is read or written here unless a session's principal changes, a session whose
 * principal is known is deleted, or someone lists or revokes. Listeners cost a loop over an empty list
 * when there are none.
 */
public final class SessionTracker implements SessionsByUser, SessionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTracker.class);

    /** For stores without server state (signed cookies): no index, no listeners. */
    static final SessionTracker NONE = new SessionTracker();

    private final String engine;
    private final SessionContext context;
    private final SessionCodec codec;
    private final SessionStorage storage;
    private final PrincipalIndex index;
    private final int maxPerUser;
    private final boolean preventLogin;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    private SessionTracker() {
        this.engine = "";
        this.context = null;
        this.codec = null;
        this.storage = null;
        this.index = null;
        this.maxPerUser = 0;
        this.preventLogin = false;
    }

    /** The tracker of an engine named {@code engine} over {@code storage}; indexes when the storage can. */
    public SessionTracker(String engine, SessionContext context, SessionCodec codec, SessionStorage storage) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.context = Objects.requireNonNull(context, "context");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.index = storage instanceof PrincipalIndexed indexed ? indexed.principalIndex().orElse(null) : null;
        this.maxPerUser = context.settings().get(CoreSettings.MAX_PER_USER);
        this.preventLogin = context.settings().get(CoreSettings.MAX_PER_USER_PREVENT_LOGIN);
        if (maxPerUser > 0 && index == null) {
            throw new SessionConfigurationException("sessions.max_per_user=" + maxPerUser + " needs an index of sessions"
                    + " by user, which engine " + engine + " cannot keep" + (storage instanceof PrincipalIndexed
                    ? " in this configuration (see the log above)" : "") + "; unset it or pick another engine");
        }
    }

    /** Whether this engine keeps an index by principal. */
    public boolean indexes() {
        return index != null;
    }

    // --- SessionEvents ----------------------------------------------------------------------------

    @Override
    public void addListener(SessionListener listener) {
        if (this == NONE) {
            throw new UnsupportedOperationException("no events without an engine");
        }
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    // --- hooks called by SessionStore ------------------------------------------------------------

    /** The principal recorded in {@code data} under {@code principalKey}, as text; null when none. */
    static String principalOf(Map<String, Object> data, String principalKey) {
        Object value = data.get(principalKey);
        return value == null ? null : value.toString();
    }

    /** When a load starts, for {@link #loaded}: 0 when nobody listens (no clock read on a plain read). */
    long startTiming() {
        return listeners.isEmpty() ? 0 : System.nanoTime();
    }

    /** A load from storage finished; {@code startedNanos} from {@link #startTiming()}. */
    void loaded(long startedNanos, boolean found) {
        // A listener added during the load was not there when it started: it hears of the next one.
        if (startedNanos != 0 && !listeners.isEmpty()) {
            Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
            forEachListener(l -> l.onLoad(engine, took, found));
        }
    }

    /** A stored session was found past its end (absolute lifetime, or expiry the store judged). */
    void expired(String key, String principal, Instant now) {
        fire(SessionEvent.Type.EXPIRED, key, null, principal, now);
    }

    /**
     * Before a save that would bind {@code principal} to {@code key}: refuses it when the principal already
     * has {@code sessions.max_per_user} other live sessions and {@code prevent_login} is on.
     *
     * @throws TooManySessionsException then
     */
    void checkBinding(String key, String storedPrincipal, String principal) {
        if (!preventLogin || maxPerUser <= 0 || principal == null || principal.equals(storedPrincipal)) {
            return;
        }
        String handle = SessionHandles.of(key);
        long others = list(principal).stream().filter(s -> !s.handle().equals(handle)).count();
        if (others >= maxPerUser) {
            throw new TooManySessionsException("This user already has " + others + " active sessions, the most allowed"
                    + " (sessions.max_per_user=" + maxPerUser + "); log out elsewhere first", maxPerUser);
        }
    }

    /**
     * A session was stored under a new key: created, or moved there from {@code previousKey} by a key cycle.
     *
     * @param previousPrincipal the principal stored under {@code previousKey} (null when new)
     */
    void created(String key, String previousKey, String previousPrincipal, String principal, Instant expiry,
                 int sizeBytes, long startedNanos, Instant now) {
        if (index != null && principal != null) {
            index.add(principal, key, expiry);
        }
        saved(sizeBytes, 0, startedNanos);
        if (previousKey == null) {
            fire(SessionEvent.Type.CREATED, key, null, principal, now);
        } else {
            fire(SessionEvent.Type.KEY_CYCLED, key, previousKey, principal, now);
        }
        if (!Objects.equals(previousPrincipal, principal)) {
            fire(SessionEvent.Type.PRINCIPAL_BOUND, key, null, principal, now);
        }
        if (principal != null) {
            enforceCap(principal, key);
        }
    }

    /** An existing session was saved; its principal went from {@code storedPrincipal} to {@code principal}. */
    void updated(String key, String storedPrincipal, String principal, Instant expiry, int sizeBytes, int conflicts,
                 long startedNanos, Instant now) {
        boolean bound = !Objects.equals(storedPrincipal, principal);
        if (bound && index != null) {
            if (storedPrincipal != null) {
                index.remove(storedPrincipal, key);
            }
            if (principal != null) {
                index.add(principal, key, expiry);
            }
        }
        saved(sizeBytes, conflicts, startedNanos);
        if (bound) {
            fire(SessionEvent.Type.PRINCIPAL_BOUND, key, null, principal, now);
            if (principal != null) {
                enforceCap(principal, key);
            }
        }
    }

    /**
     * The record of {@code key} was deleted by its own request.
     *
     * @param principal its principal when the store knows it (loaded); null otherwise, and the index entry,
     *                  if any, is then dropped when next met
     * @param quietly   true for the old key of a key cycle (told as {@link SessionEvent.Type#KEY_CYCLED})
     */
    void deleted(String key, String principal, boolean quietly, Instant now) {
        if (index != null && principal != null) {
            index.remove(principal, key);
        }
        if (!quietly) {
            fire(SessionEvent.Type.DELETED, key, null, principal, now);
        }
    }

    /** clearExpired ran on the storage: drop index entries of sessions that are gone. */
    long clearedExpired(Instant now) {
        return index == null ? 0 : index.clearStale(now);
    }

    private void saved(int sizeBytes, int conflicts, long startedNanos) {
        if (!listeners.isEmpty()) {
            Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
            forEachListener(l -> l.onSave(engine, took, sizeBytes, conflicts));
        }
    }

    /** Revokes the oldest other sessions of {@code principal} beyond {@code sessions.max_per_user}. */
    private void enforceCap(String principal, String keptKey) {
        if (maxPerUser <= 0 || preventLogin) {
            return;
        }
        String kept = SessionHandles.of(keptKey);
        List<UserSession> others = new ArrayList<>(list(principal).stream().filter(s -> !s.handle().equals(kept)).toList());
        int excess = others.size() - (maxPerUser - 1);
        for (int i = 0; i < excess; i++) {
            revoke(principal, others.get(i).handle());
        }
    }

    // --- SessionsByUser ------------------------------------------------------------------------------

    @Override
    public List<UserSession> list(String principal) {
        List<UserSession> sessions = new ArrayList<>();
        for (Indexed found : live(principal)) {
            sessions.add(found.session());
        }
        sessions.sort(Comparator.comparing(UserSession::created, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(UserSession::lastSaved, Comparator.nullsFirst(Comparator.naturalOrder())));
        return sessions;
    }

    @Override
    public boolean revoke(String principal, String handle) {
        for (Indexed found : live(principal)) {
            if (found.session().handle().equals(handle)) {
                revokeKey(principal, found.key());
                return true;
            }
        }
        return false;
    }

    @Override
    public int revokeAll(String principal) {
        int revoked = 0;
        for (Indexed found : live(principal)) {
            revokeKey(principal, found.key());
            revoked++;
        }
        return revoked;
    }

    private void revokeKey(String principal, String key) {
        storage.delete(key);
        index.remove(principal, key);
        fire(SessionEvent.Type.REVOKED, key, null, principal, context.clock().instant());
    }

    private record Indexed(String key, UserSession session) {
    }

    /** The indexed sessions of {@code principal} that are live and still hold it; drops the other entries. */
    private List<Indexed> live(String principal) {
        requireIndex();
        Objects.requireNonNull(principal, "principal");
        Instant now = context.clock().instant();
        List<Indexed> live = new ArrayList<>();
        for (String key : index.keys(principal)) {
            Optional<UserSession> session = describe(key, principal, now);
            if (session.isPresent()) {
                live.add(new Indexed(key, session.get()));
            } else {
                index.remove(principal, key);
            }
        }
        return live;
    }

    private Optional<UserSession> describe(String key, String principal, Instant now) {
        Optional<SessionStorage.Stored> stored = storage.load(key, now);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        String encoded = stored.get().data();
        Optional<SessionCodec.Decoded> decoded = codec.decode(encoded, now);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> data = decoded.get().data();
        if (!principal.equals(principalOf(data, context.principalKey())) || context.lifetime().outlived(data, now)) {
            return Optional.empty();
        }
        Instant lastSaved = stored.get().modified() != null ? stored.get().modified() : decoded.get().signedAt();
        Instant expiry = stored.get().expiry() != null ? stored.get().expiry() : context.expiryDate(data, lastSaved);
        if (!expiry.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new UserSession(SessionHandles.of(key), principal, AbsoluteLifetime.created(data),
                lastSaved, expiry, encoded.getBytes(StandardCharsets.UTF_8).length));
    }

    private void requireIndex() {
        if (index == null) {
            throw new UnsupportedOperationException("engine " + engine + " keeps no index of sessions by user");
        }
    }

    // --- events --------------------------------------------------------------------------------------

    private void fire(SessionEvent.Type type, String key, String previousKey, String principal, Instant now) {
        if (listeners.isEmpty()) {
            return;
        }
        SessionEvent event = new SessionEvent(type, engine, SessionHandles.of(key), SessionHandles.of(previousKey),
                principal, now);
        forEachListener(l -> l.onEvent(event));
    }

    private void forEachListener(java.util.function.Consumer<SessionListener> call) {
        for (SessionListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("sessions: listener {} failed; the request goes on", listener.getClass().getName(), e);
            }
        }
    }
}
