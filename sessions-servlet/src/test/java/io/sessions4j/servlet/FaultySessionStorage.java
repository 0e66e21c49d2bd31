package io.sessions4j.servlet;

import io.sessions4j.api.SessionStorage;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.testkit.InMemorySessionStorage;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongConsumer;

/** An {@link InMemorySessionStorage} that can be told to fail like a storage that went down. */
final class FaultySessionStorage implements SessionStorage {
    enum Fault { NONE, ALL, WRITES }

    private final InMemorySessionStorage delegate = new InMemorySessionStorage();
    private volatile Fault fault = Fault.NONE;

    InMemorySessionStorage memory() {
        return delegate;
    }

    void fail(Fault fault) {
        this.fault = fault;
    }

    private void check(boolean write) {
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
