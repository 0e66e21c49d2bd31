package io.sessions4j.api.users;

import java.time.Instant;

/**
 * One live session of a principal, as {@link SessionsByUser#list(String)} shows it. It never carries
 * the session key: keys are bearer secrets, and a list of sessions is shown to people (the user, an
 * administrator, a support tool) who must not be able to take them over.
 *
 * @param handle    {@link SessionHandles#of(String) a digest of the key}, stable for the key's life;
 *                  what {@link SessionsByUser#revoke(String, String)} takes
 * @param principal the value of {@code sessions.principal.key} in the session
 * @param created   when the session was created ({@code _session_created}); null when the data does not
 *                  say (a session written by Django, or by code that never set it)
 * @param lastSaved when the data was last saved (the signing time of the stored data); null when unknown
 * @param expiry    when the session expires unless saved again; null when the storage cannot tell
 * @param sizeBytes size of the stored (encoded) data in bytes
 */
public record UserSession(String handle, String principal, Instant created, Instant lastSaved, Instant expiry,
                          int sizeBytes) {
}
