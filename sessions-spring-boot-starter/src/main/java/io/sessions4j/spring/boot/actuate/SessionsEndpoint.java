package io.sessions4j.spring.boot.actuate;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.users.SessionsByUser;
import io.sessions4j.api.users.UserSession;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * Actuator endpoint {@code sessions}: a user's sessions, listed by handle (never by key), and revoked one or all
 * ("log out everywhere"), through the engine's index of sessions by user ({@link SessionsByUser}).
 *
 * <ul>
 *   <li>{@code GET /actuator/sessions/{user}}: {@code {"user":..., "sessions":[{"handle","created","lastSaved","expiry","sizeBytes"}]}}</li>
 *   <li>{@code DELETE /actuator/sessions/{user}/{handle}}: {@code {"revoked":1}} or {@code 0}</li>
 *   <li>{@code DELETE /actuator/sessions/{user}}: {@code {"revoked":n}}</li>
 * </ul>
 * An engine without the index (signed cookies; engines whose index is not built yet) answers
 * {@code {"error": "..."}} naming the engine, never an empty list that would look like "no sessions".
 */
@Endpoint(id = "sessions")
public class SessionsEndpoint {
    private final SessionEngine engine;

    public SessionsEndpoint(SessionEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @ReadOperation
    public Map<String, Object> sessions(@Selector String user) {
        Optional<SessionsByUser> index = index();
        if (index.isEmpty()) {
            return unsupported();
        }
        List<UserSession> sessions = index.get().list(user);
        return Map.of("user", user, "sessions", sessions.stream().map(SessionsEndpoint::shown).toList());
    }

    @DeleteOperation
    public Map<String, Object> revoke(@Selector String user, @Selector String handle) {
        return index().<Map<String, Object>>map(i -> Map.of("revoked", i.revoke(user, handle) ? 1 : 0))
                .orElseGet(this::unsupported);
    }

    @DeleteOperation
    public Map<String, Object> revokeAll(@Selector String user) {
        return index().<Map<String, Object>>map(i -> Map.of("revoked", i.revokeAll(user))).orElseGet(this::unsupported);
    }

    private Optional<SessionsByUser> index() {
        return engine.capability(SessionsByUser.class);
    }

    private Map<String, Object> unsupported() {
        return Map.of("error", "engine " + engine.name() + " keeps no index of sessions by user");
    }

    private static Map<String, Object> shown(UserSession s) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("handle", s.handle());
        out.put("created", s.created() == null ? null : s.created().toString());
        out.put("lastSaved", s.lastSaved() == null ? null : s.lastSaved().toString());
        out.put("expiry", s.expiry() == null ? null : s.expiry().toString());
        out.put("sizeBytes", s.sizeBytes());
        return out;
    }
}
