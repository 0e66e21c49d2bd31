package io.sessions4j.engine.cacheddb;

import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.SessionStorageException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongConsumer;

/** A storage that can be switched off: every call then fails like an unreachable cache. */
class SwitchableStorage implements SessionStorage {
    private final SessionStorage delegate;
    private volatile boolean down;

    SwitchableStorage(SessionStorage delegate) {
        this.delegate = delegate;
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    private void check() {
        if (down) {
            throw new SessionStorageException("cache engine: connection refused (test switched it off)");
        }
    }

    @Override
    public Optional<Stored> load(String key, Instant now) {
        check();
        return delegate.load(key, now);
    }

    @Override
    public boolean exists(String key, Instant now) {
        check();
        return delegate.exists(key, now);
    }

    @Override
    public Stored create(String key, String data, Instant expiry) {
        check();
        return delegate.create(key, data, expiry);
    }

    @Override
    public Optional<Stored> replace(String key, Stored expected, String data, Instant expiry) {
        check();
        return delegate.replace(key, expected, data, expiry);
    }

    @Override
    public boolean delete(String key) {
        check();
        return delegate.delete(key);
    }

    @Override
    public long clearExpired(Instant now, LongConsumer progress) {
        return 0;
    }

    @Override
    public boolean needsClearExpired() {
        return false;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
