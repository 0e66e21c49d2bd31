package io.sessions4j.api.signing;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few idle instances of something that is not thread-safe and costs an allocation per use (an initialised Mac, a
 * decoding buffer), handed out to one caller at a time. Unlike a ThreadLocal this does not pin one instance per
 * (virtual) thread; when every slot a thread looks at is taken, {@link #take} returns null and the caller makes a
 * fresh one, which {@link #release} keeps only if a slot is free.
 */
final class IdlePool<T> {
    // Enough for every core's worth of concurrent requests on common machines.
    private static final int SIZE = Math.max(4, Math.min(64, 2 * Runtime.getRuntime().availableProcessors()));

    private final AtomicReferenceArray<T> idle = new AtomicReferenceArray<>(SIZE);

    /** An idle instance, now the caller's alone, or null if none is at hand. */
    T take() {
        int slot = slot();
        for (int i = 0; i < 2; i++) {
            T item = idle.getAndSet((slot + i) % SIZE, null);
            if (item != null) {
                return item;
            }
        }
        return null;
    }

    /** Gives {@code item} back (or drops it when the slots near this thread's are taken); the caller must not use it again. */
    void release(T item) {
        int slot = slot();
        for (int i = 0; i < 2; i++) {
            if (idle.compareAndSet((slot + i) % SIZE, null, item)) {
                return;
            }
        }
    }

    // Threads start at different slots, so concurrent requests seldom contend for one.
    private static int slot() {
        return (int) Thread.currentThread().getId() & Integer.MAX_VALUE;
    }
}
