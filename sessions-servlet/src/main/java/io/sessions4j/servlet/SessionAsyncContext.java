package io.sessions4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * The container's {@link AsyncContext}, with {@link #complete()} running the session lifecycle
 * first: completing commits the response, and no filter is on the stack any more to do it.
 *
 * <p>It is also the listener registered on the container's context: when the response completed
 * without passing through here (a dispatch to a servlet outside the filter, a timeout), the
 * session changes are still saved, without a cookie.
 */
final class SessionAsyncContext implements AsyncContext, AsyncListener {
    private final AsyncContext delegate;
    private final ServletExchange session;
    private final SessionFilter filter;

    SessionAsyncContext(AsyncContext delegate, ServletExchange session, SessionFilter filter) {
        this.delegate = delegate;
        this.session = session;
        this.filter = filter;
    }

    AsyncContext delegate() {
        return delegate;
    }

    @Override
    public void complete() {
        filter.complete(session);
        delegate.complete();
    }

    @Override
    public ServletRequest getRequest() {
        return delegate.getRequest();
    }

    @Override
    public ServletResponse getResponse() {
        return delegate.getResponse();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return delegate.hasOriginalRequestAndResponse();
    }

    @Override
    public void dispatch() {
        delegate.dispatch();
    }

    @Override
    public void dispatch(String path) {
        delegate.dispatch(path);
    }

    @Override
    public void dispatch(ServletContext context, String path) {
        delegate.dispatch(context, path);
    }

    @Override
    public void start(Runnable run) {
        delegate.start(run);
    }

    @Override
    public void addListener(AsyncListener listener) {
        delegate.addListener(listener);
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
        delegate.addListener(listener, request, response);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
        return delegate.createListener(type);
    }

    @Override
    public void setTimeout(long timeout) {
        delegate.setTimeout(timeout);
    }

    @Override
    public long getTimeout() {
        return delegate.getTimeout();
    }

    // --- listener on the container's context ----------------------------------------------------

    @Override
    public void onComplete(AsyncEvent event) {
        // Normally a no-op: complete() or the async dispatch already finished the session.
        session.complete(session.response().getStatus());
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        // The container answers the timeout (500 unless a listener completes): nothing to save.
    }

    @Override
    public void onError(AsyncEvent event) {
        session.abandon();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Re-registered by SessionRequestWrapper.startAsync on every start.
    }
}
