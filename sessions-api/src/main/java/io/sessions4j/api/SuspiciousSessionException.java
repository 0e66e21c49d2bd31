package io.sessions4j.api;

/**
 * Session data or a session key looked forged or tampered with (Django's {@code SuspiciousSession}).
 */
public class SuspiciousSessionException extends SessionException {
    private static final long serialVersionUID = 1L;

    public SuspiciousSessionException(String message) {
        super(message);
    }

    public SuspiciousSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
