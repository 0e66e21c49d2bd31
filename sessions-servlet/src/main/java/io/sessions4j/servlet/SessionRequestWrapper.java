package io.sessions4j.servlet;

import io.sessions4j.api.SessionStore;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/**
 * The request the application sees: every session method answers from the sessions4j store and
 * never reaches the container's own session manager (so no {@code JSESSIONID} appears).
 */
final class SessionRequestWrapper extends HttpServletRequestWrapper {
    private final SessionResponseWrapper response;
    private final ServletExchange session;
    private final SessionFilter filter;

    SessionRequestWrapper(HttpServletRequest request, SessionResponseWrapper response, ServletExchange session, SessionFilter filter) {
        super(request);
        this.response = response;
        this.session = session;
        this.filter = filter;
    }

    /** Whether {@code request} is, or wraps, a request of this filter. */
    static boolean wrapsSession(ServletRequest request) {
        ServletRequest current = request;
        while (current instanceof ServletRequestWrapper wrapper) {
            if (current instanceof SessionRequestWrapper) {
                return true;
            }
            current = wrapper.getRequest();
        }
        return false;
    }

    /** The request's store, as {@link SessionFilter#store} answers it. */
    SessionStore store() {
        return session.store();
    }

    @Override
    public HttpSession getSession(boolean create) {
        return session.httpSession(create);
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    @Override
    public String changeSessionId() {
        return session.changeSessionId();
    }

    @Override
    public String getRequestedSessionId() {
        return session.requestedSessionId();
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return session.isRequestedSessionIdValid();
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return session.requestedSessionId() != null;
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }

    /**
     * Starts async processing with these wrappers (not the container's originals), so writes from
     * the async thread pass through the commit detection.
     */
    @Override
    public AsyncContext startAsync() {
        return startAsync(this, response);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        AsyncContext started = super.startAsync(request, response);
        SessionAsyncContext wrapped = new SessionAsyncContext(started, session, filter);
        // Listeners are cleared by each new startAsync, hence registered on every start.
        started.addListener(wrapped);
        session.asyncContext(wrapped);
        return wrapped;
    }

    @Override
    public AsyncContext getAsyncContext() {
        AsyncContext current = super.getAsyncContext();
        SessionAsyncContext wrapped = session.asyncContext();
        return wrapped != null && wrapped.delegate() == current ? wrapped : current;
    }
}
