package io.sessions4j.engine.signedcookie;

import io.sessions4j.api.BadSignatureException;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.SessionTooLargeException;
import io.sessions4j.api.http.SessionCookie;
import io.sessions4j.engine.signedcookie.internal.CookieCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session kept entirely in its cookie: the session key <em>is</em> the signed (or encrypted) data,
 * as in Django's {@code signed_cookies} backend. There is no server state, which changes a few rules:
 *
 * <ul>
 *   <li>{@link #save()} (and {@link #create()}, {@link #cycleKey()}) re-sign the data with the current
 *       secret and the current time; the new value is the new key. Saving never conflicts: concurrent
 *       requests each produce their own cookie and the browser keeps the last one it receives.</li>
 *   <li>{@link #exists(String)} is always false and {@link #delete(String)} does nothing: a cookie
 *       cannot be revoked on the server. An old cookie value — also one replaced by
 *       {@link #cycleKey()} or {@link #flush()} — stays valid until it expires; it is a bearer token.
 *       Keep the cookie age short where that matters, or rotate the secret to end every session.</li>
 *   <li>The session expires when the expiry computed from the signature's timestamp (the last
 *       modification) has passed, honouring a per-session {@code _session_expiry}.</li>
 *   <li>A cookie that is tampered with, truncated, signed with an unknown secret, expired or unreadable
 *       gives a fresh empty session (and a line on the {@code io.sessions4j.security.SuspiciousSession}
 *       logger), never an exception.</li>
 *   <li>A save that would make the {@code Set-Cookie} header exceed {@value #MAX_COOKIE_BYTES} bytes
 *       throws {@link SessionTooLargeException} before anything is sent.</li>
 * </ul>
 *
 * <p>Not thread-safe: one store serves one request. Obtain stores from {@link SignedCookieEngine#open}.
 */
public final class SignedCookieSessionStore extends SessionStore {
    /** The largest {@code Set-Cookie} value (name, value and attributes) browsers are required to keep. */
    public static final int MAX_COOKIE_BYTES = 4096;

    static final Logger SECURITY = LoggerFactory.getLogger("io.sessions4j.security.SuspiciousSession");

    private final CookieCodec codec;
    private final SessionCookie cookie;

    SignedCookieSessionStore(SessionContext context, CookieCodec codec, SessionCookie cookie, String cookieValue) {
        super(context, null, cookieValue);
        this.codec = codec;
        this.cookie = cookie;
    }

    /**
     * Whether the value has the shape of a signed or encrypted cookie. Called from the super
     * constructor, so it uses no instance state.
     */
    @Override
    protected boolean isValidKey(String key) {
        return CookieCodec.isWellFormed(key);
    }

    /** Verifies and decodes the cookie; any failure leaves this store without a key and empty. */
    @Override
    protected Map<String, Object> load() {
        Instant now = context().clock().instant();
        try {
            CookieCodec.Decoded cookieData = codec.decode(getSessionKey(), now);
            Map<String, Object> data = cookieData.data();
            // Django checks max_age = cookie age here and so ignores a per-session expiry (tickets
            // #19201, #27775). The signature's timestamp is the last modification: judge it like a
            // server-side engine judges its stored expiry date.
            Instant expiry = expiryDateOf(data, cookieData.signedAt());
            if (expiry.isAfter(now)) {
                return data instanceof LinkedHashMap ? data : new LinkedHashMap<>(data);
            }
            // Expiry is routine, not an attack: informational, on the same logger as the rest.
            SECURITY.info("Signed-cookie session expired at {} (signed at {})", expiry, cookieData.signedAt());
        } catch (BadSignatureException e) {
            SECURITY.warn("Signed-cookie session rejected: {}", e.getMessage());
        } catch (RuntimeException e) {
            // Verified, so made with one of our secrets, but unreadable: another serializer, or a
            // nonsensical expiry. Still never the caller's problem.
            SECURITY.warn("Signed-cookie session verified but could not be decoded: {}", firstLine(e));
        }
        setSessionKey(null);
        return new LinkedHashMap<>();
    }

    /**
     * Signs the current data with the current secret and time; the result becomes the session key.
     * {@code mustCreate} makes no difference: there is nothing on the server to collide with.
     *
     * @throws SessionTooLargeException when the cookie would exceed {@value #MAX_COOKIE_BYTES} bytes;
     *                                  the store then keeps its previous key
     */
    @Override
    public void save(boolean mustCreate) {
        Map<String, Object> data = data();
        Instant now = context().clock().instant();
        if (getSessionKey() == null) {
            stampCreation(data, now); // sessions.max_lifetime (issue #16)
        }
        String value = codec.encode(data, now);
        requireFits(value, data, now);
        setSessionKey(value);
        // As Django's signed_cookies save(): a fresh cookie value must always be sent.
        setModified(true);
    }

    /** Signs the current data: a new cookie value. */
    @Override
    public void create() {
        save(false);
    }

    /** Always false: nothing is stored on the server, so no key "exists" there. */
    @Override
    public boolean exists(String key) {
        return false;
    }

    /**
     * Empties this session and drops its key, so the request cycle deletes the cookie. Does nothing
     * when the session has no key, like the other engines.
     */
    @Override
    public void delete() {
        if (getSessionKey() != null) {
            clear();
            setSessionKey(null);
        }
    }

    /** Does nothing: a cookie held by another client cannot be revoked from the server. */
    @Override
    public void delete(String key) {
        // Intentionally empty; see the class documentation.
    }

    /**
     * Fails unless the {@code Set-Cookie} header the request cycle will write fits the browser limit.
     * Measured on the real header (name, value and the configured attributes), with the Max-Age the
     * cycle will send. Computed from the data directly so that saving does not mark the session accessed.
     */
    private void requireFits(String value, Map<String, Object> data, Instant now) {
        Long maxAge = expiresAtBrowserCloseOf(data) ? null
                : Duration.between(now, expiryDateOf(data, now)).getSeconds();
        int size = cookie.set(value, maxAge, now).getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_COOKIE_BYTES) {
            throw new SessionTooLargeException("Session too large for a cookie: the Set-Cookie header would be "
                    + size + " bytes (name, value and attributes; the value alone " + value.length()
                    + " bytes" + (codec.encrypts() ? ", encrypted, uncompressed" : "")
                    + "), over the " + MAX_COOKIE_BYTES + "-byte browser limit. "
                    + "Keep less data in the session or use a server-side engine.");
        }
    }

    /** The exception's first line only: parser messages can quote pieces of the (private) session data. */
    private static String firstLine(RuntimeException e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + ": " + (message.length() > 160 ? message.substring(0, 160) + "…" : message);
    }
}
