package io.sessions4j.testlog;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.event.Level;

/**
 * Every log line of the test JVM (see {@link CapturingServiceProvider}), checked as it is written
 * for what must never be logged (CONFORMANCE S1):
 *
 * <ul>
 *   <li>a session key: 32 characters of {@code [a-z0-9]} standing alone, with at least one letter
 *       after {@code f} (so that hex digests and UUIDs do not count; a real key has none only once
 *       in 10<sup>11</sup>);</li>
 *   <li>a Django signed value (a signed cookie, stored session data): {@code :} and a 43-character
 *       base64url HMAC-SHA256 signature;</li>
 *   <li>an encrypted cookie ({@code !1.} and base64url);</li>
 *   <li>any {@link #sensitive registered} secret or password (at least 8 characters).</li>
 * </ul>
 * The text checked is the formatted message plus the whole throwable: its messages, its causes'
 * and its stack trace. {@link LogLeakExtension} fails the test during which a leak was logged.
 */
public final class LogCapture {
    /** Shorter registered values would match ordinary words. */
    public static final int MIN_SENSITIVE_LENGTH = 8;

    private static final Pattern SESSION_KEY =
            Pattern.compile("(?<![A-Za-z0-9])(?=[a-z0-9]{0,31}[g-z])[a-z0-9]{32}(?![A-Za-z0-9])");
    private static final Pattern SIGNED_VALUE = Pattern.compile(":[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");
    private static final Pattern ENCRYPTED_COOKIE = Pattern.compile("!1\\.[A-Za-z0-9_-]{16,}");

    private static final Set<String> SENSITIVE = ConcurrentHashMap.newKeySet();
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static final List<Recording> RECORDINGS = new CopyOnWriteArrayList<>();

    private LogCapture() {
    }

    /** Adds values no log line may contain from now on; values shorter than {@value #MIN_SENSITIVE_LENGTH} are ignored. */
    public static void sensitive(String... values) {
        for (String value : values) {
            if (value != null && value.length() >= MIN_SENSITIVE_LENGTH) {
                SENSITIVE.add(value);
            }
        }
    }

    /** Starts keeping every line (all loggers) until the recording is closed; for tests that assert on logs. */
    public static Recording record() {
        Recording recording = new Recording();
        RECORDINGS.add(recording);
        return recording;
    }

    /** The leaks found since the last call, each as "what: level logger: line", and forgets them. */
    public static List<String> takeLeaks() {
        List<String> taken = new ArrayList<>(LEAKS);
        LEAKS.removeAll(taken);
        return taken;
    }

    /** Whether {@code text} holds something no log line may hold; the name of the first kind found, or null. */
    public static String leakIn(String text) {
        for (String value : SENSITIVE) {
            if (text.contains(value)) {
                return "a registered secret";
            }
        }
        if (SESSION_KEY.matcher(text).find()) {
            return "a session key";
        }
        if (SIGNED_VALUE.matcher(text).find()) {
            return "a signed value";
        }
        if (ENCRYPTED_COOKIE.matcher(text).find()) {
            return "an encrypted cookie";
        }
        return null;
    }

    static void capture(Level level, String logger, String message, Throwable throwable) {
        String text = throwable == null ? message : message + System.lineSeparator() + stackTrace(throwable);
        String line = level + " " + logger + ": " + text;
        for (Recording recording : RECORDINGS) {
            recording.lines.add(line);
        }
        String leak = leakIn(text);
        if (leak != null) {
            LEAKS.add(leak + " in " + mark(line));
        }
    }

    /** The line with the leaked parts replaced, so the report itself does not spread them. */
    private static String mark(String line) {
        String marked = line;
        for (String value : SENSITIVE) {
            marked = marked.replace(value, "[SECRET]");
        }
        for (Pattern p : List.of(SESSION_KEY, SIGNED_VALUE, ENCRYPTED_COOKIE)) {
            Matcher m = p.matcher(marked);
            marked = m.replaceAll(r -> Matcher.quoteReplacement(r.group().substring(0, Math.min(6, r.group().length()))
                    + "[LEAK]"));
        }
        return marked;
    }

    private static String stackTrace(Throwable throwable) {
        StringWriter out = new StringWriter();
        throwable.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** The lines logged while it is open, in order. */
    public static final class Recording implements AutoCloseable {
        private final List<String> lines = new CopyOnWriteArrayList<>();

        private Recording() {
        }

        /** Each line as {@code LEVEL logger: message} (plus the stack trace of a throwable). */
        public List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            RECORDINGS.remove(this);
        }
    }
}
