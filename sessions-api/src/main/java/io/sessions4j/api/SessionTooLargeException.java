package io.sessions4j.api;

/**
 * The session would not fit where it must be stored, e.g. a signed cookie over the 4096-byte browser limit.
 */
public class SessionTooLargeException extends SessionException {
    private static final long serialVersionUID = 1L;

    public SessionTooLargeException(String message) {
        super(message);
    }

    public SessionTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
