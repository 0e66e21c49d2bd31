package io.sessions4j.servlet;

import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.UpdateException;
import io.sessions4j.api.http.SessionLifecycle;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of one HTTP request: its {@link SessionStore}, what the client sent, the
 * {@link HttpSession} view handed to the application, and the once-only step that runs
 * {@link SessionLifecycle#finish} and writes its headers before the response is committed.
 *
 * <p>Shared by every wrapper of the request (async and error dispatches re-wrap the container's
 * objects around the same instance), and used from the async thread, hence the locking.
 */
final class RequestSession {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFilter.class);

    private final SessionLifecycle lifecycle;
    private final SessionStore store;
    private final HttpServletResponse response;
    private final ServletContext servletContext;
    private final boolean cookieSent;
    private final String requestedId;
    private final long startedAt;

    // Set once the lifecycle ran (or the request failed): from then on no header can be added.
    private volatile boolean committed;
    private boolean abandoned;
    private SessionLifecycle.Outcome applied;
    private RuntimeException failure;
    private StoreHttpSession httpSession;
    private SessionAsyncContext asyncContext;

    private RequestSession(SessionLifecycle lifecycle, SessionStore store, HttpServletResponse response,
                           ServletContext servletContext, List<String> cookieValues, long startedAt) {
        this.lifecycle = lifecycle;
        this.store = store;
        this.response = response;
        this.servletContext = servletContext;
        this.cookieSent = !cookieValues.isEmpty();
        this.startedAt = startedAt;
        // With several cookies of the session's name, open() picked the one naming a live session.
        String key = store.getSessionKey();
        this.requestedId = cookieValues.isEmpty() ? null
                : key != null && cookieValues.contains(key) ? key : cookieValues.get(0);
    }

    /**
     * Opens the session of a request from the raw {@code Cookie} headers.
     *
     * @throws SessionStorageException when several cookies had to be checked and storage failed
     */
    static RequestSession open(SessionLifecycle lifecycle, Clock clock, HttpServletRequest request,
                               HttpServletResponse response) {
        List<String> values = CookieHeader.values(request.getHeaders("Cookie"), lifecycle.cookieName());
        SessionStore store = lifecycle.open(values);
        return new RequestSession(lifecycle, store, response, request.getServletContext(), values, clock.millis());
    }

    SessionStore store() {
        return store;
    }

    ServletContext servletContext() {
        return servletContext;
    }

    /** When the container received the request, in epoch milliseconds. */
    long startedAt() {
        return startedAt;
    }

    /** The container's own response, where the session's headers go. */
    HttpServletResponse response() {
        return response;
    }

    // --- what the request asks ------------------------------------------------------------------

    String requestedSessionId() {
        return requestedId;
    }

    /** Whether the key the client sent names a live session now (false after a key change or logout). */
    boolean isRequestedSessionIdValid() {
        return requestedId != null && requestedId.equals(store.getSessionKey()) && store.resolve();
    }

    /**
     * The {@link HttpSession} view. An existing session is one with a key or with data; asking
     * reads the session (one storage round trip when a cookie was sent) and marks it accessed, as
     * the answer depends on the cookie.
     */
    synchronized HttpSession httpSession(boolean create) {
        if (httpSession != null && httpSession.isValid()) {
            return httpSession;
        }
        store.size(); // loads and marks accessed
        if (!store.isEmpty()) {
            boolean known = requestedId != null && requestedId.equals(store.getSessionKey());
            httpSession = new StoreHttpSession(this, !known);
            return httpSession;
        }
        if (!create) {
            return null;
        }
        if (response.isCommitted()) {
            throw new IllegalStateException("Cannot create a session after the response has been committed: "
                    + "no cookie could carry it to the client");
        }
        if (committed) {
            LOG.debug("Session created after the session headers were written: it will not be stored");
        }
        httpSession = new StoreHttpSession(this, true);
        return httpSession;
    }

    /** Forgets the view after {@link HttpSession#invalidate()}, so the next getSession(true) starts afresh. */
    synchronized void invalidated(StoreHttpSession session) {
        if (httpSession == session) {
            httpSession = null;
        }
    }

    /** {@code HttpServletRequest.changeSessionId()}: Django's {@code cycle_key}. */
    synchronized String changeSessionId() {
        if (httpSession(false) == null) {
            throw new IllegalStateException("Cannot change the session id: the request has no session");
        }
        if (committed) {
            // The old record would be deleted while the client keeps its key: a silent logout.
            throw new IllegalStateException("Cannot change the session id after the response has been committed: "
                    + "the client could not learn the new id");
        }
        String oldId = store.getSessionKey();
        store.cycleKey();
        if (oldId != null) {
            httpSession.idChanged(oldId);
        }
        return store.getSessionKey();
    }

    // --- the response -------------------------------------------------------------------------

    boolean isCommitted() {
        return committed;
    }

    /**
     * Runs the lifecycle (save, {@code Set-Cookie}, {@code Vary}) unless it already ran. Called just
     * before the response is committed.
     *
     * @throws RuntimeException what the lifecycle threw, notably
     *                          {@link io.sessions4j.api.SessionInterruptedException} and
     *                          {@link SessionStorageException}; it is also kept in {@link #failure()}
     */
    synchronized void commit(int status) {
        if (committed) {
            return;
        }
        committed = true;
        try {
            if (store.isModified() && status < 500 && !store.isEmpty() && !store.containsKey(StoreHttpSession.CREATED_KEY)) {
                store.put(StoreHttpSession.CREATED_KEY, startedAt);
            }
            SessionLifecycle.Outcome outcome = lifecycle.finish(store, cookieSent, status);
            // From here on, "modified" means changed after the headers were decided (see end()).
            store.setModified(false);
            applied = outcome;
            apply(outcome);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /** After {@code response.reset()} on a response that is not committed yet: the session headers again. */
    synchronized void reapplyHeaders() {
        if (applied != null) {
            apply(applied);
        }
    }

    /** The request failed (exception, session fault): nothing more is saved. */
    synchronized void abandon() {
        committed = true;
        abandoned = true;
    }

    /** What {@link #commit} threw, if anything. */
    synchronized RuntimeException failure() {
        return failure;
    }

    /**
     * The request is over. Changes made after the headers were written are still saved (the
     * client keeps its cookie, so an existing session stays consistent), unless the status is 5xx;
     * a session that got no key before the commit is not stored, as nothing could ever name it.
     * Safe to call more than once.
     */
    synchronized void end(int status) {
        if (abandoned || failure != null) {
            return;
        }
        if (!committed) {
            // The container completed the response without passing through the filter or the
            // wrappers (an async dispatch the filter is not mapped for, for example).
            LOG.debug("The response was committed without the session filter; register it for ASYNC dispatches");
            committed = true;
        }
        if (!store.isModified() || status >= 500 || store.isEmpty()) {
            return;
        }
        if (store.getSessionKey() == null) {
            LOG.debug("A session was created after the response was committed; not stored, as no cookie can carry its key");
            return;
        }
        try {
            store.save();
            store.setModified(false);
            LOG.debug("Session changed after the response was committed: saved, but no Set-Cookie could be sent");
        } catch (UpdateException e) {
            LOG.info("Session changes made after the response was committed are dropped: {}", e.getMessage());
        } catch (SessionStorageException e) {
            LOG.error("Could not save session changes made after the response was committed", e);
        }
    }

    /** The async context handed to the application, if the request went async. */
    synchronized SessionAsyncContext asyncContext() {
        return asyncContext;
    }

    synchronized void asyncContext(SessionAsyncContext context) {
        this.asyncContext = context;
    }

    private void apply(SessionLifecycle.Outcome outcome) {
        if (outcome.setCookies().isEmpty() && !outcome.varyCookie()) {
            return;
        }
        if (response.isCommitted()) {
            LOG.debug("The response was committed before the session headers could be written: {}", outcome);
            return;
        }
        for (String cookie : outcome.setCookies()) {
            response.addHeader("Set-Cookie", cookie);
        }
        if (outcome.varyCookie()) {
            List<String> existing = new ArrayList<>(response.getHeaders("Vary"));
            String joined = existing.isEmpty() ? null : String.join(", ", existing);
            String vary = SessionLifecycle.varyWithCookie(joined);
            if (!vary.equals(joined)) {
                response.setHeader("Vary", vary);
            }
        }
    }
}
