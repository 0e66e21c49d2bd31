package io.sessions4j.servlet;

import io.sessions4j.api.SessionStore;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * {@link HttpSession} over a request's {@link SessionStore}: attributes are the store's keys.
 *
 * <p>What the servlet API needs and Django does not keep is stored inside the session data under
 * reserved {@code _}-prefixed keys, hidden from the attribute view: {@value #CREATED_KEY} (creation
 * time, epoch milliseconds, written with the first save). {@value SessionStore#EXPIRY_KEY}
 * (Django's own expiry) is reached through {@link #setMaxInactiveInterval}. The last-accessed time
 * is the current request's arrival: recording it would cost a write on every read-only request.
 */
final class StoreHttpSession implements HttpSession {
    /** Reserved key: when the session was first saved, in epoch milliseconds. */
    static final String CREATED_KEY = SessionStore.CREATED_KEY;
    private static final Set<String> RESERVED = Set.of(CREATED_KEY, SessionStore.EXPIRY_KEY);

    private final ServletExchange request;
    private final SessionStore store;
    private final boolean isNew;
    private volatile boolean valid = true;

    StoreHttpSession(ServletExchange request, boolean isNew) {
        this.request = request;
        this.store = request.store();
        this.isNew = isNew;
    }

    boolean isValid() {
        return valid;
    }

    /**
     * The session key. A session that has none yet (new, not saved) is created in storage now, so
     * the id is the one the client will receive.
     */
    @Override
    public String getId() {
        checkValid();
        if (store.getSessionKey() == null) {
            store.create();
        }
        return store.getSessionKey();
    }

    @Override
    public long getCreationTime() {
        checkValid();
        Object created = store.get(CREATED_KEY);
        return created instanceof Number n ? n.longValue() : request.startedAt();
    }

    /** The current request's arrival time: see the class comment. */
    @Override
    public long getLastAccessedTime() {
        checkValid();
        return request.startedAt();
    }

    @Override
    public ServletContext getServletContext() {
        return request.servletContext();
    }

    /**
     * {@code SessionStore.setExpiry(seconds)}: the session expires after that many seconds without a
     * save. Zero or negative ("never time out" in the servlet API) becomes Django's
     * {@code set_expiry(0)}: the cookie ends with the browser, the stored record still expires after
     * {@code sessions.cookie.age}.
     */
    @Override
    public void setMaxInactiveInterval(int interval) {
        checkValid();
        store.setExpiry(interval > 0 ? interval : 0L);
    }

    /** Seconds until the stored session expires (the cookie age for a browser-close session). */
    @Override
    public int getMaxInactiveInterval() {
        checkValid();
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, store.getExpiryAge()));
    }

    /** The value as its Java type, as {@link #setAttribute} kept it ({@link SessionStore#getTyped}). */
    @Override
    public Object getAttribute(String name) {
        checkValid();
        return RESERVED.contains(name) ? null : store.getTyped(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid();
        List<String> names = new ArrayList<>(store.keySet());
        names.removeAll(RESERVED);
        return Collections.enumeration(names);
    }

    /**
     * Keeps the value so that it comes back as its Java type ({@link SessionStore#putTyped}: records and POJOs of
     * allowlisted types, see {@code TypedValues}); null removes the attribute, as the servlet API says.
     *
     * @throws IllegalArgumentException when the value's type is not in {@code sessions.serializer.allowed_types}
     */
    @Override
    public void setAttribute(String name, Object value) {
        checkValid();
        checkNotReserved(name);
        if (value == null) {
            store.remove(name);
        } else {
            store.putTyped(name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        checkValid();
        checkNotReserved(name);
        store.remove(name);
    }

    /** Django's {@code flush()}: the stored session is deleted and the cookie removed at the end of the request. */
    @Override
    public void invalidate() {
        checkValid();
        valid = false;
        store.flush();
        request.invalidated(this);
    }

    /** True when the client did not send this session's key (it is created, or was replaced, in this request). */
    @Override
    public boolean isNew() {
        checkValid();
        return isNew;
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("The session was invalidated");
        }
    }

    private static void checkNotReserved(String name) {
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("Session attribute name " + name
                    + " is reserved by sessions4j; use setMaxInactiveInterval or the SessionStore instead");
        }
    }

    @Override
    public String toString() {
        return "StoreHttpSession[" + store + ", new=" + isNew + ", valid=" + valid + "]";
    }
}
