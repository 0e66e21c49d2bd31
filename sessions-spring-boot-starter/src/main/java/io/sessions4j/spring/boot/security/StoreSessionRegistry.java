package io.sessions4j.spring.boot.security;

import io.sessions4j.api.users.SessionsByUser;
import io.sessions4j.api.users.UserSession;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Spring Security's {@link SessionRegistry} over the engine's index of sessions by user ({@link SessionsByUser}),
 * so that {@code maximumSessions(n)} counts the sessions in storage — across every instance and restart — and
 * expiring a session deletes it there: that browser's next request has no session and logs in again.
 *
 * <p>Sessions are named by handle, never by key ({@link SessionInformation#getSessionId()} is the handle). The index
 * follows {@code sessions.principal.key}, which {@link SecurityPrincipalBinding} writes at login, so
 * {@link #registerNewSession} and {@link #removeSessionInformation} have nothing to do; {@link #getAllPrincipals()}
 * is empty, as the index is read by principal only.
 */
public final class StoreSessionRegistry implements SessionRegistry {
    private final SessionsByUser sessions;

    public StoreSessionRegistry(SessionsByUser sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    public List<Object> getAllPrincipals() {
        return List.of();
    }

    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        String name = name(principal);
        // includeExpiredSessions changes nothing: an expired session of this registry is gone from storage.
        // Mutable: Spring Security sorts the list it gets.
        List<SessionInformation> out = new ArrayList<>();
        sessions.list(name).forEach(s -> out.add(new StoredSessionInformation(principal, s, sessions)));
        return out;
    }

    /** Always null: a session of this registry is never "expired but present" — expiring deletes it. */
    @Override
    public SessionInformation getSessionInformation(String sessionId) {
        return null;
    }

    @Override
    public void refreshLastRequest(String sessionId) {
    }

    @Override
    public void registerNewSession(String sessionId, Object principal) {
    }

    @Override
    public void removeSessionInformation(String sessionId) {
    }

    /** The name the principal is indexed under: what {@code Authentication.getName()} answers for it. */
    static String name(Object principal) {
        if (principal instanceof UserDetails user) {
            return user.getUsername();
        }
        if (principal instanceof AuthenticatedPrincipal authenticated) {
            return authenticated.getName();
        }
        if (principal instanceof Principal p) {
            return p.getName();
        }
        return String.valueOf(principal);
    }

    /** One indexed session; {@link #expireNow()} revokes it in storage. */
    private static final class StoredSessionInformation extends SessionInformation {
        private static final long serialVersionUID = 1L;
        private final transient SessionsByUser sessions;
        private final String principalName;

        StoredSessionInformation(Object principal, UserSession session, SessionsByUser sessions) {
            super(principal, session.handle(), Date.from(lastActivity(session)));
            this.sessions = sessions;
            this.principalName = session.principal();
        }

        private static Instant lastActivity(UserSession session) {
            return session.lastSaved() != null ? session.lastSaved()
                    : session.created() != null ? session.created() : Instant.EPOCH;
        }

        @Override
        public void expireNow() {
            super.expireNow();
            sessions.revoke(principalName, getSessionId());
        }
    }
}
