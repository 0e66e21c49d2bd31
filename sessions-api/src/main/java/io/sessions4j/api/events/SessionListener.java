package io.sessions4j.api.events;

import java.time.Duration;

/**
 * Hears what happens to sessions of one engine: register with
 * {@code engine.capability(SessionEvents.class).ifPresent(e -> e.addListener(listener))}.
 *
 * <p>Calls come in-process, on the thread of the request (or of {@code clearExpired}), after the storage
 * operation succeeded and outside any storage transaction. A listener that throws is logged and ignored:
 * it never fails the request. Keep listeners quick; hand slow work to an executor.
 */
public interface SessionListener {

    /** A lifecycle event (created, cycled, deleted, revoked, expired, principal bound). */
    default void onEvent(SessionEvent event) {
    }

    /**
     * A load from storage finished.
     *
     * @param engine the engine's name
     * @param took   time spent in storage
     * @param found  whether a live session was found
     */
    default void onLoad(String engine, Duration took, boolean found) {
    }

    /**
     * A save (create or update) finished successfully.
     *
     * @param engine          the engine's name
     * @param took            time spent saving, retries included
     * @param sizeBytes       size of the stored (encoded) data in bytes
     * @param conflictsMerged how many concurrent saves were merged into this one (0 normally)
     */
    default void onSave(String engine, Duration took, int sizeBytes, int conflictsMerged) {
    }
}
