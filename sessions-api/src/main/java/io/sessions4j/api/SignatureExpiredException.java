package io.sessions4j.api;

/**
 * A signed value verified but is older than the allowed maximum age.
 */
public class SignatureExpiredException extends BadSignatureException {
    private static final long serialVersionUID = 1L;

    public SignatureExpiredException(String message) {
        super(message);
    }

    public SignatureExpiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
