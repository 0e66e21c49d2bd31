package io.sessions4j.api;

import java.util.function.Supplier;

/**
 * Start-up of an engine in steps: a resource opened first (a pool, a cache connection) must be
 * closed when a later step fails, or a failed start leaks threads and connections.
 */
public final class CloseOnFailure {
    private CloseOnFailure() {
    }

    /**
     * Runs {@code next}; if it throws, closes {@code resource} (a failure to close is added as
     * suppressed) and rethrows.
     *
     * @return what {@code next} returned
     */
    public static <T> T of(AutoCloseable resource, Supplier<T> next) {
        try {
            return next.get();
        } catch (RuntimeException | Error e) {
            try {
                resource.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
