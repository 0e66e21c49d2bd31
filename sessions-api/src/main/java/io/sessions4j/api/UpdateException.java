package io.sessions4j.api;

/**
 * Thrown when a session cannot be saved because its stored record is gone (deleted or expired by a concurrent request), Django's {@code UpdateError}.
 */
public class UpdateException extends SessionException {
    private static final long serialVersionUID = 1L;

    public UpdateException(String message) {
        super(message);
    }

    public UpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
