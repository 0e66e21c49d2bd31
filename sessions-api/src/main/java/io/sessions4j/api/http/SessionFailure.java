package io.sessions4j.api.http;

import io.sessions4j.api.SessionException;
import io.sessions4j.api.SessionInterruptedException;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionTooLargeException;
import io.sessions4j.api.TooManySessionsException;
import io.sessions4j.api.UpdateException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every web integration answers a session failure, whether it surfaced in the application's handler (a read
 * with storage down, a key change racing a logout) or at {@link SessionExchange#commit}:
 * <ul>
 *   <li>the session was ended by a concurrent request ({@link SessionInterruptedException}, or
 *       {@link UpdateException} from a key change): 400;</li>
 *   <li>storage failed ({@link SessionStorageException}): 503, the stored data left as it was;</li>
 *   <li>the session outgrew its cookie ({@link SessionTooLargeException}): 500; nothing was stored and the client's
 *       cookie stays valid.</li>
 * </ul>
 * Other exceptions are the application's: its framework answers them (500 for most), and nothing is saved.
 *
 * @param status the HTTP status to answer
 * @param body   a short plain-text body (UTF-8, ends with a newline); it never names the session key
 * @param cause  the session exception found
 */
public record SessionFailure(int status, String body, SessionException cause) {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFailure.class);
    /** Causes looked through: frameworks wrap handler exceptions; the bound guards against cause cycles. */
    private static final int MAX_DEPTH = 16;

    /**
     * The answer to {@code thrown} when it is, or wraps, a session failure an integration answers itself.
     *
     * @return empty for the application's own exceptions (and null)
     */
    public static Optional<SessionFailure> of(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SessionInterruptedException || t instanceof UpdateException) {
                return Optional.of(new SessionFailure(400,
                        "Bad Request: the session was ended by a concurrent request\n", (SessionException) t));
            }
            if (t instanceof SessionStorageException e) {
                return Optional.of(new SessionFailure(503, "Service Unavailable: session storage is unavailable\n", e));
            }
            if (t instanceof TooManySessionsException e) {
                // sessions.max_per_user with prevent_login: the login is refused, the session unchanged.
                return Optional.of(new SessionFailure(409, "Conflict: " + e.getMessage() + "\n", e));
            }
            if (t instanceof SessionTooLargeException e) {
                return Optional.of(new SessionFailure(500,
                        "Internal Server Error: the session is too large to be stored in a cookie\n", e));
            }
        }
        return Optional.empty();
    }

    /** Logs the failure once, at the level it deserves: a concurrent logout is routine, storage down is not. */
    public void log() {
        if (status == 400 || status == 409) {
            LOG.info("Answering {}: {}", status, cause.getMessage());
        } else if (status == 503) {
            LOG.error("Answering 503: session storage failed", cause);
        } else {
            LOG.error("Answering {}: {}", status, cause.getMessage());
        }
    }
}
