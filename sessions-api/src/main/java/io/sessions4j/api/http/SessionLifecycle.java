package io.sessions4j.api.http;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStore;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Django's {@code SessionMiddleware} without a web framework, shared by every web integration: it owns every
 * end-of-request decision (save or not, {@code Set-Cookie} or the session header, cookie deletion,
 * {@code Vary}), the session key's transport ({@code sessions.transport}: cookie or header) and, through the
 * engine, the one clock.
 *
 * <p>An integration is a thin adapter with two crossings per request:
 * <pre>{@code
 * SessionLifecycle lifecycle = new SessionLifecycle(engine);           // once
 * SessionExchange exchange = lifecycle.open(request::headerValues);    // request arrives
 * ... handler uses exchange.store() ...
 * exchange.commit(status, responseHeaders);                            // just before the response commits
 * }</pre>
 * {@code commit} throws {@link io.sessions4j.api.SessionInterruptedException} (answer 400),
 * {@link io.sessions4j.api.SessionStorageException} (503) and {@link io.sessions4j.api.SessionTooLargeException}
 * (the session no longer fits a cookie; 500 — nothing was stored, the client's cookie stays valid).
 *
 * <p>Thread-safe; one per engine.
 */
public final class SessionLifecycle {
    private final SessionEngine engine;
    private final SessionTransport transport;
    private final boolean saveEveryRequest;

    public SessionLifecycle(SessionEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.transport = SessionTransport.of(engine.settings());
        this.saveEveryRequest = engine.settings().get(CoreSettings.SAVE_EVERY_REQUEST);
    }

    public SessionEngine engine() {
        return engine;
    }

    /**
     * Opens the session of a request. With several keys of the session's name (cookies of the same name on
     * different paths), the first that names a live session wins (Django's behaviour for the cookie it
     * picks); at most a few are looked up, whatever the client sends.
     *
     * @throws io.sessions4j.api.SessionStorageException when several keys had to be checked and storage failed
     */
    public SessionExchange open(RequestHeaders request) {
        List<String> keys = transport.keys(request);
        SessionStore store = pick(keys);
        return new SessionExchange(this, store, keys, engine.clock().instant());
    }

    private SessionStore pick(List<String> keys) {
        if (keys.size() <= 1) {
            return engine.open(keys.isEmpty() ? null : keys.get(0));
        }
        SessionStore store = null;
        for (String key : keys) {
            store = engine.open(key);
            if (store.isStored()) {
                return store;
            }
        }
        return store;
    }

    SessionTransport transport() {
        return transport;
    }

    boolean saveEveryRequest() {
        return saveEveryRequest;
    }

    /** Adds {@code token} to an existing {@code Vary} header value (null when there was none). */
    public static String vary(String existing, String token) {
        if (existing == null || existing.isBlank()) {
            return token;
        }
        String wanted = token.toLowerCase(Locale.ROOT);
        for (String part : existing.split(",")) {
            String present = part.trim().toLowerCase(Locale.ROOT);
            if (present.equals(wanted) || present.equals("*")) {
                return existing;
            }
        }
        return existing + ", " + token;
    }
}
