package io.sessions4j.api;

import io.sessions4j.spi.SessionCodec;
import io.sessions4j.spi.SessionStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The one engine implementation: stores are {@link SessionStore}s over one codec and one shared
 * {@link SessionStorage}. An engine module writes a storage (and, where its stored form is not Django's
 * server-side one, a codec) and a provider that builds this.
 */
public final class StorageSessionEngine implements SessionEngine {
    private final String name;
    private final SessionContext context;
    private final SessionCodec codec;
    private final SessionStorage storage;
    private final ExpiredSessionSweeper sweeper;
    private final SessionTracker tracker;
    private final VerifiedRecords verified;

    /** An engine over {@code storage} built from settings and a clock (tests, engines assembled in code). */
    public StorageSessionEngine(String name, SessionSettings settings, Clock clock, SessionStorage storage) {
        this(name, SessionContext.create(settings, clock), storage);
    }

    /** An engine keeping Django's server-side format ({@link SessionContext#codec()}) in {@code storage}. */
    public StorageSessionEngine(String name, SessionContext context, SessionStorage storage) {
        this(name, context, context.codec(), storage);
    }

    /** An engine keeping what {@code codec} writes in {@code storage}. */
    public StorageSessionEngine(String name, SessionContext context, SessionCodec codec, SessionStorage storage) {
        this.name = Objects.requireNonNull(name, "name");
        this.context = Objects.requireNonNull(context, "context");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.tracker = new SessionTracker(name, context, codec, storage);
        // Storages that keep decodes themselves (the in-process cache, the signed cookie) need no memo of them.
        this.verified = storage.keepsDecoded() ? VerifiedRecords.NONE
                : new VerifiedRecords(context.settings().get(CoreSettings.VERIFIED_RECORDS));
        Duration interval = context.settings().get(CoreSettings.CLEAR_EXPIRED_INTERVAL);
        this.sweeper = interval != null && storage.needsClearExpired() ? new ExpiredSessionSweeper(this, interval) : null;
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
    public Clock clock() {
        return context.clock();
    }

    @Override
    public SessionStore open(String sessionKey) {
        return new SessionStore(context, codec, storage, sessionKey, tracker, verified);
    }

    @Override
    public long clearExpired(LongConsumer progress) {
        Instant now = context.clock().instant();
        long removed = storage.clearExpired(now, progress);
        tracker.clearedExpired(now);
        return removed;
    }

    @Override
    public boolean needsClearExpired() {
        return storage.needsClearExpired();
    }

    @Override
    public Optional<SessionCounts> count() {
        return storage.count(context.clock().instant());
    }

    @Override
    public TypedValues typedValues() {
        return context.typedValues();
    }

    /** What the storage (or the codec) implements of {@code type}: engines offer capabilities by implementing them. */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        // Sessions by user where the storage keeps an index; events always (issue #16).
        if (type == io.sessions4j.api.users.SessionsByUser.class && tracker.indexes()
                || type == io.sessions4j.api.events.SessionEvents.class) {
            return Optional.of(type.cast(tracker));
        }
        if (type.isInstance(storage)) {
            return Optional.of(type.cast(storage));
        }
        return type.isInstance(codec) ? Optional.of(type.cast(codec)) : Optional.empty();
    }

    /**
     * The distribution of stored sizes of live sessions, where the storage can stream them (a full scan:
     * for {@code sessions stats}, never for requests); else empty.
     */
    public Optional<SizeHistogram> sizeHistogram() {
        if (!(storage instanceof SizeHistogram.Source source)) {
            return Optional.empty();
        }
        SizeHistogram histogram = new SizeHistogram();
        source.liveSizes(context.clock().instant(), histogram);
        return Optional.of(histogram);
    }

    /** The storage behind this engine, for tools and tests that need to look underneath. */
    public SessionStorage storage() {
        return storage;
    }

    /** The codec of what the storage keeps. */
    public SessionCodec codec() {
        return codec;
    }

    /** The shared per-engine context (clock, cookie age, serializer). */
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
