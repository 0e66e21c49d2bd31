package io.sessions4j.api;

import java.util.Optional;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The engine of every server-side storage: stores are {@link SessionStore}s over one shared
 * {@link SessionStorage}. An engine module only writes the storage and a provider that builds this.
 */
public class StorageSessionEngine implements SessionEngine {
    private final String name;
    private final SessionContext context;
    private final SessionStorage storage;
    private final ExpiredSessionSweeper sweeper;
    private final SessionTracker tracker;

    public StorageSessionEngine(String name, SessionSettings settings, Clock clock, SessionStorage storage) {
        this.name = Objects.requireNonNull(name, "name");
        this.context = SessionContext.create(settings, clock);
        this.storage = Objects.requireNonNull(storage, "storage");
        this.tracker = new SessionTracker(name, context, storage);
        java.time.Duration interval = settings.get(CoreSettings.CLEAR_EXPIRED_INTERVAL);
        this.sweeper = interval != null && storage.clearsExpired() ? new ExpiredSessionSweeper(this, interval) : null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SessionSettings settings() {
        return context.settings();
    }

    @Override
    public SessionStore open(String sessionKey) {
        return new SessionStore(context, storage, sessionKey, tracker);
    }

    @Override
    public long clearExpired(LongConsumer progress) {
        Instant now = context.clock().instant();
        long removed = storage.clearExpired(now, progress);
        tracker.clearedExpired(now);
        return removed;
    }

    /** {@link io.sessions4j.api.users.SessionsByUser} where the storage keeps an index; {@link io.sessions4j.api.events.SessionEvents} always. */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == io.sessions4j.api.users.SessionsByUser.class && tracker.indexes()
                || type == io.sessions4j.api.events.SessionEvents.class) {
            return Optional.of(type.cast(tracker));
        }
        return Optional.empty();
    }

    @Override
    public boolean clearsExpired() {
        return storage.clearsExpired();
    }

    @Override
    public Optional<SessionCounts> count() {
        return storage.count(context.clock().instant());
    }

    @Override
    public TypedValues typedValues() {
        return context.typedValues();
    }

    /** The storage behind this engine, for tools and tests that need to look underneath. */
    public SessionStorage storage() {
        return storage;
    }

    /** The shared per-engine context (clock, codec, cookie age). */
    public SessionContext context() {
        return context;
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.close();
        }
        storage.close();
    }

    @Override
    public String toString() {
        return "SessionEngine[" + name + ", " + storage + "]";
    }
}
