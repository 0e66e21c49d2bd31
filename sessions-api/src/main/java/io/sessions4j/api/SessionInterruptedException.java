package io.sessions4j.api;

/**
 * The session was deleted by a concurrent request while this request used it (Django's {@code SessionInterrupted}); web integrations answer HTTP 400.
 */
public class SessionInterruptedException extends SessionException {
    private static final long serialVersionUID = 1L;

    public SessionInterruptedException(String message) {
        super(message);
    }

    public SessionInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
