package io.sessions4j.api.http;

import io.sessions4j.api.SessionInterruptedException;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.UpdateException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session side of one request/response exchange: its {@link SessionStore}, what the client sent, and the
 * once-only end of the request ({@link #commit}), where every decision of Django's middleware is taken.
 *
 * <p>Thread-safe, so that an integration may commit from whichever thread completes the response (async
 * servlets, event loops).
 */
public final class SessionExchange {
    private static final Logger LOG = LoggerFactory.getLogger(SessionExchange.class);

    private final SessionLifecycle lifecycle;
    private final SessionStore store;
    private final boolean keySent;
    private final String requestedKey;
    private final Instant startedAt;

    private boolean committed;
    private boolean abandoned;
    private List<HeaderLine> lines = List.of();
    private boolean vary;
    private RuntimeException failure;

    SessionExchange(SessionLifecycle lifecycle, SessionStore store, List<String> keys, Instant startedAt) {
        this.lifecycle = lifecycle;
        this.store = store;
        this.keySent = !keys.isEmpty();
        this.startedAt = startedAt;
        // With several keys of the session's name, the lifecycle picked the one naming a live session.
        String key = store.getSessionKey();
        this.requestedKey = keys.isEmpty() ? null : key != null && keys.contains(key) ? key : keys.get(0);
    }

    /** The request's session: Django's {@code request.session}. */
    public SessionStore store() {
        return store;
    }

    /** Whether the client sent a session key (a cookie or header of the session's name). */
    public boolean keySent() {
        return keySent;
    }

    /** The key the client sent (the one picked among several), or null: the Servlet API's requested session id. */
    public String requestedKey() {
        return requestedKey;
    }

    /** Whether the key the client sent names a live session now (false after a key change or logout). */
    public boolean isRequestedKeyValid() {
        return requestedKey != null && requestedKey.equals(store.getSessionKey()) && store.isStored();
    }

    /** When the request arrived, by the engine's clock. */
    public Instant startedAt() {
        return startedAt;
    }

    /** Whether the response's session headers were decided (or the exchange abandoned): no header can follow. */
    public synchronized boolean isCommitted() {
        return committed;
    }

    /**
     * Ends the request's session, once: decides as Django's middleware does, saves when needed, and writes the
     * headers ({@code Set-Cookie} or the session header, {@code Vary}) to {@code out}. Call it just before the
     * response is committed; later calls do nothing.
     *
     * @param status the response status; nothing is saved for 5xx
     * @throws SessionInterruptedException when the session was deleted by a concurrent request (answer 400)
     * @throws SessionStorageException     when storage failed (answer 503)
     * @throws io.sessions4j.api.SessionTooLargeException when the cookie would exceed what browsers keep
     */
    public synchronized void commit(int status, ResponseHeaders out) {
        if (committed) {
            return;
        }
        committed = true;
        try {
            decide(status);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
        // From here on, "modified" means changed after the headers were decided (see complete()).
        store.setModified(false);
        write(out);
    }

    /** Writes the decided headers again, e.g. after the integration reset a response that was not committed yet. */
    public synchronized void rewrite(ResponseHeaders out) {
        if (committed && failure == null && !abandoned) {
            write(out);
        }
    }

    /** What {@link #commit} threw, if anything (also when the application caught it). */
    public synchronized RuntimeException failure() {
        return failure;
    }

    /** The request failed (an exception, a session fault): nothing more is saved and no header is written. */
    public synchronized void abandon() {
        committed = true;
        abandoned = true;
    }

    /**
     * The response is complete. Changes made after the headers were written are still saved (the client keeps
     * its key, so an existing session stays consistent), unless the status is 5xx; a session that got no key
     * before the commit is not stored, as nothing could ever name it. Storage failures are logged, not thrown:
     * the response is gone. Safe to call more than once.
     */
    public synchronized void complete(int status) {
        if (abandoned || failure != null) {
            return;
        }
        if (!committed) {
            LOG.debug("The response completed before the session headers were written; the integration missed the commit");
            committed = true;
        }
        if (!store.isModified() || status >= 500 || store.isEmpty()) {
            return;
        }
        if (store.getSessionKey() == null) {
            LOG.debug("A session was created after the response was committed; not stored, as nothing can carry its key");
            return;
        }
        try {
            store.save();
            store.setModified(false);
            LOG.debug("Session changed after the response was committed: saved, but no header could carry it");
        } catch (UpdateException e) {
            LOG.info("Session changes made after the response was committed are dropped: {}", e.getMessage());
        } catch (SessionStorageException e) {
            LOG.error("Could not save session changes made after the response was committed", e);
        }
    }

    private void decide(int status) {
        if (store.isModified() && status < 500 && !store.isEmpty() && !store.containsKey(SessionStore.CREATED_KEY)) {
            store.put(SessionStore.CREATED_KEY, startedAt.toEpochMilli());
        }
        boolean accessed = store.isAccessed();
        boolean modified = store.isModified();
        boolean empty = store.isEmpty();
        SessionTransport transport = lifecycle.transport();
        if (keySent && empty) {
            lines = transport.forget();
            vary = true;
            return;
        }
        if ((modified || lifecycle.saveEveryRequest()) && !empty && status < 500) {
            Long maxAge = store.getExpireAtBrowserClose() ? null : store.getExpiryAge();
            try {
                store.save();
            } catch (UpdateException e) {
                throw new SessionInterruptedException("The request's session was deleted before the request completed. "
                        + "The user may have logged out in a concurrent request, for example.", e);
            }
            lines = transport.write(store.getSessionKey(), maxAge, lifecycle.engine().clock().instant());
        }
        vary = accessed;
    }

    private void write(ResponseHeaders out) {
        // Indexed: an iterator over the usual empty list was an allocation on every read-only request.
        for (int i = 0; i < lines.size(); i++) {
            HeaderLine line = lines.get(i);
            if (line.name().equalsIgnoreCase("Set-Cookie")) {
                out.add(line.name(), line.value());
            } else {
                out.set(line.name(), line.value());
            }
        }
        if (vary) {
            List<String> existing = out.values("Vary");
            if (existing.isEmpty()) {
                // Nothing to merge with or replace (the usual case): an append, not a search-and-replace.
                out.add("Vary", lifecycle.transport().varyOn());
            } else {
                String joined = String.join(", ", existing);
                String merged = SessionLifecycle.vary(joined, lifecycle.transport().varyOn());
                if (!merged.equals(joined)) {
                    out.set("Vary", merged);
                }
            }
        }
    }

    /** The header lines decided by {@link #commit} (empty before it, or when none are needed). */
    public synchronized List<HeaderLine> headers() {
        return lines;
    }

    @Override
    public String toString() {
        return "SessionExchange[" + store + ", keySent=" + keySent + ", committed=" + committed + "]";
    }
}
