package io.sessions4j.api;

/**
 * Thrown by an engine when a session cannot be created because its key is already taken (Django's {@code CreateError}); {@link SessionStore#create()} retries with a fresh key.
 */
public class CreateException extends SessionException {
    private static final long serialVersionUID = 1L;

    public CreateException(String message) {
        super(message);
    }

    public CreateException(String message, Throwable cause) {
        super(message, cause);
    }
}
