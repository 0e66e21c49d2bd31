package io.sessions4j.api.events;

import java.time.Instant;

/**
 * Something that happened to a session, told to {@link SessionListener}s after storage succeeded.
 * Sessions are named by {@link io.sessions4j.api.users.SessionHandles handle}, never by key.
 *
 * @param type           what happened
 * @param engine         the engine's name ({@code sessions.engine})
 * @param handle         the session's handle (for {@link Type#KEY_CYCLED}, the new key's)
 * @param previousHandle for {@link Type#KEY_CYCLED}, the old key's handle; else null
 * @param principal      the session's principal when known (for {@link Type#PRINCIPAL_BOUND}, the new
 *                       one; null when it was removed); else null
 * @param at             when, by the engine's clock
 */
public record SessionEvent(Type type, String engine, String handle, String previousHandle, String principal,
                           Instant at) {

    /** The kinds of event. */
    public enum Type {
        /** A new session was stored (not on a key cycle). */
        CREATED,
        /** The session moved to a new key ({@code cycleKey}, on login); the old key is gone. */
        KEY_CYCLED,
        /** The session was deleted by its own request ({@code flush}, {@code delete}: logout). */
        DELETED,
        /** The session was deleted through {@link io.sessions4j.api.users.SessionsByUser} or the per-user cap. */
        REVOKED,
        /**
         * The session was found expired when read (where the engine can tell expired from missing), or
         * removed by {@code clearExpired} (where the engine can tell which sessions it removed).
         */
        EXPIRED,
        /** The session's principal was set, changed or removed (login, or any write of the principal key). */
        PRINCIPAL_BOUND
    }
}
