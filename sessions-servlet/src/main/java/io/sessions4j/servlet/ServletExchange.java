package io.sessions4j.servlet;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.http.ResponseHeaders;
import io.sessions4j.api.http.SessionExchange;
import io.sessions4j.api.http.SessionLifecycle;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet side of one request's {@link SessionExchange}: the {@link HttpSession} view handed to the
 * application, the container's response the session headers go to, and the async context. Every session
 * decision is the exchange's; this class only adapts.
 *
 * <p>Shared by every wrapper of the request (async and error dispatches re-wrap the container's objects
 * around the same instance), and used from the async thread, hence the locking.
 */
final class ServletExchange {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFilter.class);

    private final SessionExchange exchange;
    private final HttpServletResponse response;
    private final ServletContext servletContext;
    private final ResponseHeaders headers;

    private StoreHttpSession httpSession;
    private SessionAsyncContext asyncContext;

    private ServletExchange(SessionExchange exchange, HttpServletResponse response, ServletContext servletContext) {
        this.exchange = exchange;
        this.response = response;
        this.servletContext = servletContext;
        this.headers = new Headers(response);
    }

    /**
     * Opens the session of a request from its raw headers.
     *
     * @throws io.sessions4j.api.SessionStorageException when several keys had to be checked and storage failed
     */
    static ServletExchange open(SessionLifecycle lifecycle, HttpServletRequest request, HttpServletResponse response) {
        SessionExchange exchange = lifecycle.open(name -> headerValues(request, name));
        return new ServletExchange(exchange, response, request.getServletContext());
    }

    private static List<String> headerValues(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            // One line, as browsers send Cookie over HTTP/1.1: no list to grow.
            return Collections.singletonList(first);
        }
        List<String> all = new ArrayList<>(4);
        all.add(first);
        while (values.hasMoreElements()) {
            all.add(values.nextElement());
        }
        return all;
    }

    SessionStore store() {
        return exchange.store();
    }

    ServletContext servletContext() {
        return servletContext;
    }

    /** When the request arrived, in epoch milliseconds. */
    long startedAt() {
        return exchange.startedAt().toEpochMilli();
    }

    /** The container's own response, where the session's headers go. */
    HttpServletResponse response() {
        return response;
    }

    String requestedSessionId() {
        return exchange.requestedKey();
    }

    boolean isRequestedSessionIdValid() {
        return exchange.isRequestedKeyValid();
    }

    /**
     * The {@link HttpSession} view. An existing session is one with a key or with data; asking reads the
     * session (one storage round trip when a key was sent) and marks it accessed, as the answer depends on
     * the cookie.
     */
    synchronized HttpSession httpSession(boolean create) {
        if (httpSession != null && httpSession.isValid()) {
            return httpSession;
        }
        SessionStore store = store();
        store.size(); // loads and marks accessed
        if (!store.isEmpty()) {
            String requested = exchange.requestedKey();
            boolean known = requested != null && requested.equals(store.getSessionKey());
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
        if (exchange.isCommitted()) {
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
        if (exchange.isCommitted()) {
            // The old record would be deleted while the client keeps its key: a silent logout.
            throw new IllegalStateException("Cannot change the session id after the response has been committed: "
                    + "the client could not learn the new id");
        }
        String oldId = store().getSessionKey();
        store().cycleKey();
        if (oldId != null) {
            httpSession.idChanged(oldId);
        }
        return store().getSessionKey();
    }

    // --- the end of the request: the exchange decides, this writes to the container's response ----------

    boolean isCommitted() {
        return exchange.isCommitted();
    }

    /** {@link SessionExchange#commit} onto the container's response, just before it commits. */
    void commit(int status) {
        exchange.commit(status, headers);
    }

    /** After {@code response.reset()} on a response that is not committed yet: the session headers again. */
    void rewriteHeaders() {
        exchange.rewrite(headers);
    }

    void abandon() {
        exchange.abandon();
    }

    RuntimeException failure() {
        return exchange.failure();
    }

    /** The response is complete: {@link SessionExchange#complete}. */
    void complete(int status) {
        exchange.complete(status);
    }

    /** The async context handed to the application, if the request went async. */
    synchronized SessionAsyncContext asyncContext() {
        return asyncContext;
    }

    synchronized void asyncContext(SessionAsyncContext context) {
        this.asyncContext = context;
    }

    /** The container's response as the lifecycle's header sink; nothing is written once it is committed. */
    private record Headers(HttpServletResponse response) implements ResponseHeaders {
        @Override
        public void add(String name, String value) {
            if (writable()) {
                response.addHeader(name, value);
            }
        }

        @Override
        public void set(String name, String value) {
            if (writable()) {
                response.setHeader(name, value);
            }
        }

        @Override
        public List<String> values(String name) {
            // Asked for Vary on every request that read the session; usually there is none to copy. getHeader, not
            // containsHeader: Jetty 12's containsHeader walks the fields with a new iterator (an allocation per
            // request in the profile of the request benchmark), getHeader looks the name up by index.
            return response.getHeader(name) != null ? new ArrayList<>(response.getHeaders(name)) : List.of();
        }

        private boolean writable() {
            if (response.isCommitted()) {
                LOG.debug("The response was committed before the session headers could be written");
                return false;
            }
            return true;
        }
    }
}
