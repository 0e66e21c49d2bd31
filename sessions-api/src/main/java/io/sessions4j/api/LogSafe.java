package io.sessions4j.api;

/**
 * What a session key or a failure may show in a log line or an exception message. A session key is
 * a credential (whoever holds it is logged in), so messages carry its first characters only; a
 * failure is shown by its messages, never by the data it was handling.
 */
public final class LogSafe {
    /** Characters of a key that messages keep: enough to tell two sessions apart in one incident. */
    public static final int KEY_CHARS_SHOWN = 4;
    private static final int MAX_CAUSES = 5;

    private LogSafe() {
    }

    /** {@code abcd…} for a key, {@code (none)} for null; keys of 8 characters or fewer are shown as "…" alone. */
    public static String key(String key) {
        if (key == null) {
            return "(none)";
        }
        return key.length() <= 2 * KEY_CHARS_SHOWN ? "…" : key.substring(0, KEY_CHARS_SHOWN) + "…";
    }

    /**
     * The message of {@code e}, followed by each cause's type and message where it says something new
     * ({@code ; caused by: SocketTimeoutException: Read timed out}), at most five causes deep: a pool
     * timeout alone hides why the server is unreachable.
     */
    public static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        int depth = 0;
        for (Throwable cause = e.getCause(); cause != null && cause != e && depth < MAX_CAUSES;
             cause = cause.getCause(), depth++) {
            String message = cause.getMessage();
            if (message == null || !out.toString().contains(message)) {
                out.append("; caused by: ").append(cause.getClass().getSimpleName());
                if (message != null) {
                    out.append(": ").append(message);
                }
            }
        }
        return out.toString();
    }
}
