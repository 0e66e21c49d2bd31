package io.sessions4j.api;

/**
 * Binding a principal to a session would exceed {@code sessions.max_per_user} and
 * {@code sessions.max_per_user.prevent_login} is true: the login is refused, the session is unchanged.
 * Web integrations answer HTTP 409 Conflict; a login page may catch it to say why.
 */
public class TooManySessionsException extends SessionException {
    private static final long serialVersionUID = 1L;
    private final int limit;

    public TooManySessionsException(String message, int limit) {
        super(message);
        this.limit = limit;
    }

    /** The configured {@code sessions.max_per_user}. */
    public int limit() {
        return limit;
    }
}
