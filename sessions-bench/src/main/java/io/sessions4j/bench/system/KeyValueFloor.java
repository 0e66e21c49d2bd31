package io.sessions4j.bench.system;

import io.sessions4j.bench.SessionPayload;
import java.util.List;

/**
 * A cache driven directly: READ is one get, WRITE one get and one set, CREATE one set-if-absent.
 * Subclasses supply the three primitives for one backend.
 */
abstract class KeyValueFloor implements BenchSystem {
    private List<String> keys = List.of();

    /** Preloads; called by subclasses once their client is ready. */
    final void preload(int sessions) {
        keys = Backends.preload(sessions, i -> {
            String key = FloorData.newKey();
            add(key, FloorData.json(SessionPayload.of(i)));
            return key;
        });
    }

    abstract String get(String key);

    abstract void set(String key, String value);

    abstract boolean add(String key, String value);

    @Override
    public final Object read(String key) {
        return get(key);
    }

    @Override
    public final Object write(String key) {
        String data = get(key);
        set(key, FloorData.CHANGED_DATA);
        return data;
    }

    @Override
    public final Object create() {
        String key = FloorData.newKey();
        add(key, FloorData.DATA);
        return key;
    }

    @Override
    public final List<String> keys() {
        return keys;
    }
}
