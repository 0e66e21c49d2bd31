package io.sessions4j.api.events;

/**
 * The capability of telling {@link SessionListener}s what happens to sessions:
 * {@code engine.capability(SessionEvents.class)}. Which events an engine can see depends on its storage
 * (the README has the table); every engine built on a storage sees those its own requests cause.
 */
public interface SessionEvents {

    /** Adds a listener; it hears events from now on. */
    void addListener(SessionListener listener);

    /** Removes a listener added before; unknown listeners are ignored. */
    void removeListener(SessionListener listener);
}
