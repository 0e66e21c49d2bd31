package io.sessions4j.webflux;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.http.SessionAttributes;
import io.sessions4j.api.http.SessionExchange;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A {@link WebSession} over the request's {@link SessionStore}. The session is saved by the lifecycle when the
 * response commits, so {@link #save()} has nothing to do; key changes and logouts run on the storage scheduler.
 */
final class StoreWebSession implements WebSession {
    private final SessionExchange exchange;
    private final SessionStore store;
    private final Scheduler scheduler;
    private final Map<String, Object> attributes;

    StoreWebSession(SessionExchange exchange, Scheduler scheduler) {
        this.exchange = exchange;
        this.store = exchange.store();
        this.scheduler = scheduler;
        this.attributes = new SessionAttributes(store);
    }

    SessionStore store() {
        return store;
    }

    /** The session key, or an empty string while the session has none (it gets one when first saved). */
    @Override
    public String getId() {
        String key = store.getSessionKey();
        return key == null ? "" : key;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    /** Nothing to do: a session starts when something is put into it. */
    @Override
    public void start() {
    }

    @Override
    public boolean isStarted() {
        return store.getSessionKey() != null || store.isModified();
    }

    /** Cycles the key (Django's {@code cycle_key}: call it on login), on the storage scheduler. */
    @Override
    public Mono<Void> changeSessionId() {
        return Mono.<Void>fromRunnable(store::cycleKey).subscribeOn(scheduler);
    }

    /** Deletes the session and empties it (Django's {@code flush}: call it on logout), on the storage scheduler. */
    @Override
    public Mono<Void> invalidate() {
        return Mono.<Void>fromRunnable(store::flush).subscribeOn(scheduler);
    }

    /** Nothing to do: the session is saved when the response commits. */
    @Override
    public Mono<Void> save() {
        return Mono.empty();
    }

    /** Always false: an expired session never loads. */
    @Override
    public boolean isExpired() {
        return false;
    }

    @Override
    public Instant getCreationTime() {
        return store.get(SessionStore.CREATED_KEY) instanceof Number millis ? Instant.ofEpochMilli(millis.longValue())
                : exchange.startedAt();
    }

    @Override
    public Instant getLastAccessTime() {
        return exchange.startedAt();
    }

    @Override
    public void setMaxIdleTime(Duration maxIdleTime) {
        store.setExpiry(maxIdleTime);
    }

    @Override
    public Duration getMaxIdleTime() {
        return Duration.ofSeconds(store.getExpiryAge());
    }
}
