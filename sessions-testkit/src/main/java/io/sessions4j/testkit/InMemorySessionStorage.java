package io.sessions4j.testkit;

import io.sessions4j.api.CreateException;
import io.sessions4j.api.SessionStorage;
import io.sessions4j.api.users.InMemoryPrincipalIndex;
import io.sessions4j.api.users.PrincipalIndex;
import io.sessions4j.api.users.PrincipalIndexed;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A {@link SessionStorage} in a {@link ConcurrentHashMap}: for tests only (it is unbounded and
 * forgets everything on restart). Like the real engines, it compares the encoded data itself in
 * {@link #replace}: the data carries its signing time, so equal data means an unchanged session.
 */
public final class InMemorySessionStorage implements SessionStorage, PrincipalIndexed {
    private final Map<String, Stored> records = new ConcurrentHashMap<>();
    private final InMemoryPrincipalIndex index = new InMemoryPrincipalIndex();
    /** Storage calls made, for tests that assert round trips. */
    private final AtomicLong calls = new AtomicLong();

    @Override
    public Optional<Stored> load(String key, Instant now) {
        calls.incrementAndGet();
        Stored stored = records.get(key);
        return stored != null && stored.expiry().isAfter(now) ? Optional.of(stored) : Optional.empty();
    }

    @Override
    public boolean exists(String key, Instant now) {
        return load(key, now).isPresent();
    }

    @Override
    public Stored create(String key, String data, Instant expiry) {
        calls.incrementAndGet();
        Stored stored = new Stored(key, data, expiry);
        if (records.putIfAbsent(key, stored) != null) {
            throw new CreateException("Session key already exists");
        }
        return stored;
    }

    @Override
    public Optional<Stored> replace(String key, Stored expected, String data, Instant expiry) {
        calls.incrementAndGet();
        Stored next = new Stored(key, data, expiry);
        if (expected == null) {
            return Optional.ofNullable(records.computeIfPresent(key, (k, old) -> next));
        }
        boolean[] replaced = {false};
        records.computeIfPresent(key, (k, current) -> {
            replaced[0] = current.data().equals(expected.data());
            return replaced[0] ? next : current;
        });
        return replaced[0] ? Optional.of(next) : Optional.empty();
    }

    @Override
    public boolean delete(String key) {
        calls.incrementAndGet();
        return records.remove(key) != null;
    }

    @Override
    public long clearExpired(Instant now, LongConsumer progress) {
        long removed = 0;
        for (Iterator<Stored> it = records.values().iterator(); it.hasNext(); ) {
            if (!it.next().expiry().isAfter(now)) {
                it.remove();
                progress.accept(++removed);
            }
        }
        return removed;
    }

    /** How many storage operations ran so far. */
    public long calls() {
        return calls.get();
    }

    /** Raw records, for tests that look underneath. */
    public Map<String, Stored> records() {
        return records;
    }

    @Override
    public void close() {
        records.clear();
    }

    /** An index in memory beside the records. */
    @Override
    public Optional<PrincipalIndex> principalIndex() {
        return Optional.of(index);
    }
}
