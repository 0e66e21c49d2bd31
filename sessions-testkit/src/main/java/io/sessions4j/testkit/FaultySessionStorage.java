package io.sessions4j.testkit;

import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.SessionStorageException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * An {@link InMemorySessionStorage} that can be told to fail like a storage that went down: every call
 * ({@link Fault#ALL}) or only writes ({@link Fault#WRITES}) throw {@link SessionStorageException}.
 */
public final class FaultySessionStorage implements SessionStorage {
    /** Which calls fail. */
    public enum Fault { NONE, ALL, WRITES }

    private final InMemorySessionStorage delegate = new InMemorySessionStorage();
    private volatile Fault fault = Fault.NONE;
    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    /** The storage underneath, for tests that look at raw records. */
    public InMemorySessionStorage memory() {
        return delegate;
    }

    /** From now on, fail the given calls ({@link Fault#NONE}: heal). */
    public void fail(Fault fault) {
        this.fault = fault;
    }

    /** The names of the threads that called this storage so far (to check that none is an event loop). */
    public Set<String> threads() {
        return Set.copyOf(threads);
    }

    private void check(boolean write) {
        threads.add(Thread.currentThread().getName());
        Fault current = fault;
        if (current == Fault.ALL || (write && current == Fault.WRITES)) {
            throw new SessionStorageException("Session engine memory: storage unavailable (test fault)");
        }
    }

    @Override
    public Optional<Stored> load(String key, Instant now) {
        check(false);
        return delegate.load(key, now);
    }

    @Override
    public boolean exists(String key, Instant now) {
        check(false);
        return delegate.exists(key, now);
    }

    @Override
    public Stored create(String key, String data, Instant expiry) {
        check(true);
        return delegate.create(key, data, expiry);
    }

    @Override
    public Optional<Stored> replace(String key, Stored expected, String data, Instant expiry) {
        check(true);
        return delegate.replace(key, expected, data, expiry);
    }

    @Override
    public boolean delete(String key) {
        check(true);
        return delegate.delete(key);
    }

    @Override
    public long clearExpired(Instant now, LongConsumer progress) {
        check(true);
        return delegate.clearExpired(now, progress);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
