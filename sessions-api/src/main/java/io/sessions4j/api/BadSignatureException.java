package io.sessions4j.api;

/**
 * A signed value did not verify against the current secret or any fallback secret.
 */
public class BadSignatureException extends SessionException {
    private static final long serialVersionUID = 1L;

    public BadSignatureException(String message) {
        super(message);
    }

    public BadSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
