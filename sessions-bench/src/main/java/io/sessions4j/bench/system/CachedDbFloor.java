package io.sessions4j.bench.system;

import io.sessions4j.bench.SessionPayload;
import java.util.List;

/**
 * The least a write-through cache over a database can do: READ is one cache get (a hit); WRITE a
 * cache get, a database {@code UPDATE} and a cache set; CREATE a database {@code INSERT} and a cache
 * set-if-absent. The floor of {@code cached_db}.
 */
final class CachedDbFloor implements BenchSystem {
    private final KeyValueFloor cache;
    private final JdbcFloor database;
    private final List<String> keys;

    CachedDbFloor(KeyValueFloor cache, JdbcFloor database, int sessions) {
        this.cache = cache;
        this.database = database;
        this.keys = database.preload(sessions);
        // Written through: the cache holds what the database holds.
        Backends.preload(keys.size(), i -> cache.add(keys.get(i), FloorData.json(SessionPayload.of(i))));
    }

    @Override
    public Object read(String key) {
        return cache.get(key);
    }

    @Override
    public Object write(String key) {
        String data = cache.get(key);
        database.update(key, FloorData.CHANGED_DATA);
        cache.set(key, FloorData.CHANGED_DATA);
        return data;
    }

    @Override
    public Object create() {
        String key = database.insert(FloorData.DATA);
        cache.add(key, FloorData.DATA);
        return key;
    }

    @Override
    public List<String> keys() {
        return keys;
    }

    @Override
    public void close() {
        try {
            cache.close();
        } finally {
            database.close();
        }
    }
}
