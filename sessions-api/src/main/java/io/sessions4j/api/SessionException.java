package io.sessions4j.api;

/**
 * Base of every exception sessions4j throws. Unchecked, like Django's session errors.
 */
public class SessionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SessionException(String message) {
        super(message);
    }

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
