package io.sessions4j.bench.system;

import java.util.List;

/**
 * One system under measurement (a sessions4j engine, a floor, or Spring Session) doing the
 * benchmark's operations on its preloaded sessions. Thread-safe: JMH calls it from 1 or 4 threads.
 * Every operation returns what it produced, so that the JIT cannot discard the work.
 */
public interface BenchSystem extends AutoCloseable {

    /** A read-only request: open an existing session and read two keys. */
    Object read(String key);

    /** A changing request: open an existing session, change one key, save. */
    Object write(String key);

    /** A new session with the whole payload, saved. */
    Object create();

    /**
     * {@link #write} as a full request through {@code SessionLifecycle}: cookie in, {@code Set-Cookie}
     * out. Only sessions4j engines have it.
     */
    default Object cycle(String key) {
        throw new UnsupportedOperationException("cycle is measured for sessions4j engines only");
    }

    /** The keys (session ids, cookie values) of the preloaded sessions. */
    List<String> keys();

    /** Releases connections and removes every table, key and file the system made. */
    @Override
    void close();
}
