package io.sessions4j.api;

import java.util.Optional;
import java.time.Clock;
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

    public StorageSessionEngine(String name, SessionSettings settings, Clock clock, SessionStorage storage) {
        this.name = Objects.requireNonNull(name, "name");
        this.context = SessionContext.create(settings, clock);
        this.storage = Objects.requireNonNull(storage, "storage");
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
        return new SessionStore(context, storage, sessionKey);
    }

    @Override
    public long clearExpired(LongConsumer progress) {
        return storage.clearExpired(context.clock().instant(), progress);
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
