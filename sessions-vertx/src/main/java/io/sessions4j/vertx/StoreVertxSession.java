package io.sessions4j.vertx;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.http.SessionAttributes;
import io.sessions4j.api.http.SessionExchange;
import io.vertx.ext.web.Session;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Vert.x's {@link Session} ({@code rc.session()}) over the request's {@link SessionStore}: values are
 * {@link SessionAttributes}, so allowlisted records come back as their types. {@link #regenerateId()} (on login)
 * and {@link #destroy()} (on logout) write to storage: call them from blocking handlers.
 *
 * <p>Vert.x's own bookkeeping keys ({@code __vertx.*}, e.g. the holder of its auth {@code User}, which is not a JSON
 * value) live for the request only: Vert.x reads them on every request, and they must neither mark the session as
 * read nor reach storage.
 */
final class StoreVertxSession implements Session {
    private final SessionExchange exchange;
    private final SessionStore store;
    private final SessionAttributes attributes;
    private final Map<String, Object> vertxOwn = new HashMap<>();
    private String oldId;
    private boolean destroyed;

    StoreVertxSession(SessionExchange exchange) {
        this.exchange = exchange;
        this.store = exchange.store();
        this.attributes = new SessionAttributes(store);
    }

    /** Cycles the key (Django's {@code cycle_key}); blocking with a blocking engine. */
    @Override
    public Session regenerateId() {
        oldId = store.getSessionKey();
        store.cycleKey();
        return this;
    }

    /** The session key, or null while the session has none (it gets one when first saved). */
    @Override
    public String id() {
        return store.getSessionKey();
    }

    @Override
    public Session put(String key, Object value) {
        if (isVertxOwn(key)) {
            vertxOwn.put(key, value);
            return this;
        }
        attributes.put(key, value);
        return this;
    }

    @Override
    public Session putIfAbsent(String key, Object value) {
        attributes.putIfAbsent(key, value);
        return this;
    }

    @Override
    public Session computeIfAbsent(String key, Function<String, Object> mapping) {
        attributes.computeIfAbsent(key, mapping);
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return (T) (isVertxOwn(key) ? vertxOwn.get(key) : attributes.get(key));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T remove(String key) {
        return (T) (isVertxOwn(key) ? vertxOwn.remove(key) : attributes.remove(key));
    }

    @Override
    public Map<String, Object> data() {
        return attributes;
    }

    @Override
    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    @Override
    public long lastAccessed() {
        return exchange.startedAt().toEpochMilli();
    }

    /** Deletes the session and empties it (Django's {@code flush}); blocking with a blocking engine. */
    @Override
    public void destroy() {
        store.flush();
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public boolean isRegenerated() {
        return oldId != null;
    }

    @Override
    public String oldId() {
        return oldId;
    }

    /** The session's expiry age in milliseconds. */
    @Override
    public long timeout() {
        return store.getExpiryAge() * 1000;
    }

    private static boolean isVertxOwn(String key) {
        return key.startsWith("__vertx.");
    }

    /** Nothing to do: the lifecycle tracks access itself. */
    @Override
    public void setAccessed() {
    }
}
