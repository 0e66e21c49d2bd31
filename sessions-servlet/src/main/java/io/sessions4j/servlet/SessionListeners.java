package io.sessions4j.servlet;

import io.sessions4j.api.SessionException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.EventListener;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HttpSessionListener}s, {@link HttpSessionIdListener}s and {@link HttpSessionAttributeListener}s
 * told about sessions4j sessions, kept in a {@link ServletContext} attribute.
 *
 * <p>Why not the container's own listener list: a container tells the listeners declared in {@code web.xml}
 * or added with {@code ServletContext.addListener} only about its own sessions, and offers no way to reach
 * them from a filter. Register them here as well (the Spring Boot starter does this for every listener bean,
 * such as Spring Security's {@code HttpSessionEventPublisher}):
 *
 * <pre>{@code
 * SessionListeners.of(servletContext).add(new HttpSessionEventPublisher());
 * }</pre>
 *
 * <p>Events, as the Servlet specification orders them: created when {@code getSession(true)} starts a session;
 * destroyed on {@link HttpSession#invalidate()}, while the attributes are still readable; id changed on
 * {@code changeSessionId()} (the login key rotation); attribute added/replaced/removed on
 * {@code setAttribute}/{@code removeAttribute}. Values that implement
 * {@link jakarta.servlet.http.HttpSessionBindingListener} are told by {@link StoreHttpSession} itself. Sessions
 * that expire in storage without a request fire no event: no request sees them end. A listener that throws is
 * logged and does not stop the others or the request
 * (a session storage fault it ran into still propagates).
 */
public final class SessionListeners {
    /** The {@link ServletContext} attribute holding the instance. */
    public static final String ATTRIBUTE = SessionListeners.class.getName();
    private static final Logger LOG = LoggerFactory.getLogger(SessionListeners.class);
    private static final SessionListeners NONE = new SessionListeners();

    private final List<HttpSessionListener> lifecycle = new CopyOnWriteArrayList<>();
    private final List<HttpSessionIdListener> ids = new CopyOnWriteArrayList<>();
    private final List<HttpSessionAttributeListener> attributes = new CopyOnWriteArrayList<>();

    private SessionListeners() {
    }

    /** The listeners of this servlet context, created empty on first use. */
    public static SessionListeners of(ServletContext context) {
        synchronized (context) {
            Object existing = context.getAttribute(ATTRIBUTE);
            if (existing instanceof SessionListeners listeners) {
                return listeners;
            }
            SessionListeners created = new SessionListeners();
            context.setAttribute(ATTRIBUTE, created);
            return created;
        }
    }

    /** The listeners of this servlet context, or none (without registering anything) when there are none. */
    static SessionListeners find(ServletContext context) {
        Object existing = context == null ? null : context.getAttribute(ATTRIBUTE);
        return existing instanceof SessionListeners listeners ? listeners : NONE;
    }

    /**
     * Adds a listener for every session event kind it implements.
     *
     * @throws IllegalArgumentException when it implements none of the three listener interfaces
     */
    public SessionListeners add(EventListener listener) {
        boolean used = false;
        if (listener instanceof HttpSessionListener l) {
            lifecycle.add(l);
            used = true;
        }
        if (listener instanceof HttpSessionIdListener l) {
            ids.add(l);
            used = true;
        }
        if (listener instanceof HttpSessionAttributeListener l) {
            attributes.add(l);
            used = true;
        }
        if (!used) {
            throw new IllegalArgumentException(listener.getClass().getName() + " is not an HttpSessionListener, "
                    + "HttpSessionIdListener or HttpSessionAttributeListener");
        }
        return this;
    }

    /** Every registered listener once, in registration order. */
    public List<EventListener> all() {
        Set<EventListener> all = new LinkedHashSet<>(lifecycle);
        all.addAll(ids);
        all.addAll(attributes);
        return List.copyOf(all);
    }

    void created(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        lifecycle.forEach(l -> tell(l, () -> l.sessionCreated(event)));
    }

    void destroyed(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        // Reverse order of registration, as the Servlet specification asks for destruction.
        for (int i = lifecycle.size() - 1; i >= 0; i--) {
            HttpSessionListener l = lifecycle.get(i);
            tell(l, () -> l.sessionDestroyed(event));
        }
    }

    void idChanged(HttpSession session, String oldId) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        ids.forEach(l -> tell(l, () -> l.sessionIdChanged(event, oldId)));
    }

    void attributeAdded(HttpSession session, String name, Object value) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
        attributes.forEach(l -> tell(l, () -> l.attributeAdded(event)));
    }

    void attributeReplaced(HttpSession session, String name, Object oldValue) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, oldValue);
        attributes.forEach(l -> tell(l, () -> l.attributeReplaced(event)));
    }

    void attributeRemoved(HttpSession session, String name, Object value) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
        attributes.forEach(l -> tell(l, () -> l.attributeRemoved(event)));
    }

    private static void tell(EventListener listener, Runnable call) {
        try {
            call.run();
        } catch (SessionException e) {
            throw e; // a storage fault reached through the session: the filter answers 400/503
        } catch (RuntimeException e) {
            LOG.warn("Session listener {} failed", listener.getClass().getName(), e);
        }
    }
}
