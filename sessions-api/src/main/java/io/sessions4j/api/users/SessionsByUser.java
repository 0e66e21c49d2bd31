package io.sessions4j.api.users;

import java.util.List;

/**
 * The sessions of a principal (the value of {@code sessions.principal.key}, by default Django's
 * {@code _auth_user_id}): list them, revoke one, revoke all ("log out everywhere", a GDPR erase).
 * An engine that keeps an index by principal offers it as
 * {@code engine.capability(SessionsByUser.class)}; engines without server state do not.
 *
 * <p>Sessions are listed and revoked by {@link UserSession#handle() handle}, never by key. The index
 * follows the data whoever wrote it, as long as the write went through this library: a session whose
 * principal was set by another program (a Django app sharing the table) is indexed when a request here
 * next changes its principal, not before.
 *
 * <p>Not on the request path of ordinary requests: each call reads the index and then each indexed
 * session (one round trip per session); entries of sessions that ended are dropped as they are met.
 */
public interface SessionsByUser {

    /** The live sessions of {@code principal}, oldest first (by creation, then last save). */
    List<UserSession> list(String principal);

    /**
     * Deletes the session of {@code principal} with this handle.
     *
     * @return whether a live session was found and deleted
     */
    boolean revoke(String principal, String handle);

    /**
     * Deletes every session of {@code principal}.
     *
     * @return how many live sessions were deleted
     */
    int revokeAll(String principal);
}
