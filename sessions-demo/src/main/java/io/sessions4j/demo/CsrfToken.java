package io.sessions4j.demo;

import io.sessions4j.api.SessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A per-session token that every state-changing form carries in a hidden field, compared with the
 * copy kept in the session: another site can make the browser post a form, but cannot read the
 * token to put in it. (SameSite=Lax on the session cookie already stops most cross-site posts;
 * the token also covers browsers and settings where it does not.)
 */
final class CsrfToken {
    /** The session key holding the token, and the name of the form field. */
    static final String KEY = "csrf_token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfToken() {
    }

    /** The session's token, created (and the session modified) if it has none. */
    static String of(SessionStore session) {
        Object token = session.get(KEY);
        if (token instanceof String s && !s.isEmpty()) {
            return s;
        }
        return rotate(session);
    }

    /** A new token: on login, so a token seen before authentication is worthless after it. */
    static String rotate(SessionStore session) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.put(KEY, token);
        return token;
    }

    /** Whether {@code submitted} is the session's token; false when either is missing. */
    static boolean matches(SessionStore session, String submitted) {
        if (submitted == null || !(session.get(KEY) instanceof String expected) || expected.isEmpty()) {
            return false;
        }
        // Constant time: the comparison must not tell an attacker how many leading characters are right.
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }

    /** The hidden form field carrying the token. */
    static String field(SessionStore session) {
        return "<input type=\"hidden\" name=\"" + KEY + "\" value=\"" + Html.text(of(session)) + "\">";
    }
}
