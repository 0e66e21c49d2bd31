package io.sessions4j.api;

/**
 * The storage behind an engine failed (database or Redis down, disk full or read-only). The message names the engine and the storage location; stored data is left as it was.
 */
public class SessionStorageException extends SessionException {
    private static final long serialVersionUID = 1L;

    public SessionStorageException(String message) {
        super(message);
    }

    public SessionStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
