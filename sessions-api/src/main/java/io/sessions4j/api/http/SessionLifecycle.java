package io.sessions4j.api.http;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionInterruptedException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.UpdateException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Django's {@code SessionMiddleware} without a web framework: opens the store for a request and,
 * after the handler, decides and performs save, {@code Set-Cookie}, cookie deletion and
 * {@code Vary: Cookie}. Web integrations call {@link #open} and {@link #finish} and copy the
 * returned headers onto the response before it is committed.
 */
public final class SessionLifecycle {
    private final SessionEngine engine;
    private final SessionCookie cookie;
    private final boolean saveEveryRequest;
    private final Clock clock;

    public SessionLifecycle(SessionEngine engine) {
        this(engine, Clock.systemUTC());
    }

    public SessionLifecycle(SessionEngine engine, Clock clock) {
        this.engine = engine;
        this.cookie = new SessionCookie(engine.settings());
        this.saveEveryRequest = engine.settings().get(CoreSettings.SAVE_EVERY_REQUEST);
        this.clock = clock;
    }

    /** The session cookie's name. */
    public String cookieName() {
        return cookie.name();
    }

    public SessionEngine engine() {
        return engine;
    }

    /**
     * Opens the session for a request.
     *
     * @param cookieValues the values of every cookie named {@link #cookieName()}, in the order the
     *                     client sent them; with several (same name, different paths), the first
     *                     that names a live session wins
     */
    public SessionStore open(List<String> cookieValues) {
        if (cookieValues.isEmpty()) {
            return engine.open(null);
        }
        if (cookieValues.size() == 1) {
            return engine.open(cookieValues.get(0));
        }
        SessionStore store = null;
        for (String value : cookieValues) {
            store = engine.open(value);
            if (store.resolve()) {
                return store;
            }
        }
        return store;
    }

    /**
     * What to do with the response, decided as Django's middleware does, saving the session when
     * needed.
     *
     * @param cookieSent whether the request carried a cookie named {@link #cookieName()}
     * @param status     the response status; nothing is saved for 5xx
     * @throws SessionInterruptedException when the session was deleted by a concurrent request
     */
    public Outcome finish(SessionStore store, boolean cookieSent, int status) {
        boolean accessed = store.isAccessed();
        boolean modified = store.isModified();
        boolean empty = store.isEmpty();
        if (cookieSent && empty) {
            return new Outcome(List.of(cookie.delete()), true);
        }
        List<String> setCookies = new ArrayList<>(1);
        if ((modified || saveEveryRequest) && !empty && status < 500) {
            Long maxAge = store.getExpireAtBrowserClose() ? null : store.getExpiryAge();
            try {
                store.save();
            } catch (UpdateException e) {
                throw new SessionInterruptedException("The request's session was deleted before the request completed. "
                        + "The user may have logged out in a concurrent request, for example.", e);
            }
            setCookies.add(cookie.set(store.getSessionKey(), maxAge, clock.instant()));
        }
        return new Outcome(setCookies, accessed);
    }

    /** Adds {@code Cookie} to an existing {@code Vary} header value (null when there was none). */
    public static String varyWithCookie(String existing) {
        if (existing == null || existing.isBlank()) {
            return "Cookie";
        }
        for (String part : existing.split(",")) {
            String token = part.trim().toLowerCase(Locale.ROOT);
            if (token.equals("cookie") || token.equals("*")) {
                return existing;
            }
        }
        return existing + ", Cookie";
    }

    /**
     * The response headers the session needs.
     *
     * @param setCookies {@code Set-Cookie} values to add (zero or one)
     * @param varyCookie whether to add {@code Cookie} to {@code Vary}
     */
    public record Outcome(List<String> setCookies, boolean varyCookie) {
    }
}
