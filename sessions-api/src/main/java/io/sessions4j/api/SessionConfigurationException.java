package io.sessions4j.api;

/**
 * A setting is missing or invalid. The message names the key, the rejected value and what is allowed.
 */
public class SessionConfigurationException extends SessionException {
    private static final long serialVersionUID = 1L;

    public SessionConfigurationException(String message) {
        super(message);
    }

    public SessionConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
