package io.sessions4j.engine.signedcookie;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.TypedValues;
import io.sessions4j.api.http.SessionCookie;
import io.sessions4j.api.signing.SignedPayload;
import io.sessions4j.engine.signedcookie.internal.CookieCipher;
import io.sessions4j.engine.signedcookie.internal.CookieCodec;
import java.time.Clock;
import java.util.function.LongConsumer;

/**
 * Engine {@code signed_cookies}: the whole session lives in the client's cookie, signed with
 * {@code sessions.secret.key} (HMAC-SHA256, wire-compatible with Django's {@code signed_cookies}
 * backend) or, with {@code sessions.signed_cookies.encrypt=true}, encrypted with AES-256-GCM. No
 * server state: nothing to clear, nothing to revoke. See {@link SignedCookieSessionStore} for what that
 * means for {@code exists}, {@code delete}, {@code cycleKey} and concurrent requests.
 *
 * <p>Thread-safe; all keys are derived once, here.
 */
public final class SignedCookieEngine implements SessionEngine {
    /** The name written in {@code sessions.engine}. */
    public static final String NAME = "signed_cookies";

    private final SessionContext context;
    private final CookieCodec codec;
    private final SessionCookie cookie;

    /** Builds the engine; secrets, serializer and cookie attributes come from {@code settings}. */
    public SignedCookieEngine(SessionSettings settings, Clock clock) {
        this.context = SessionContext.create(settings, clock);
        if (settings.get(CoreSettings.MAX_PER_USER) > 0) {
            // No server state, so no index of a user's sessions to count or revoke (issue #16).
            throw new io.sessions4j.api.SessionConfigurationException("sessions.max_per_user needs server-side sessions;"
                    + " engine signed_cookies keeps none: unset it or pick another engine");
        }
        this.codec = new CookieCodec(context.serializer(),
                SessionContext.signedPayload(settings, SignedPayload.SIGNED_COOKIES_SALT),
                new CookieCipher(settings.get(CoreSettings.SECRET_KEY), settings.get(CoreSettings.SECRET_KEY_FALLBACKS)),
                settings.get(SignedCookieEngineProvider.ENCRYPT));
        this.cookie = new SessionCookie(settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SessionSettings settings() {
        return context.settings();
    }

    /** A store over the cookie value sent by the client (verified lazily, on first access). */
    @Override
    public SessionStore open(String sessionKey) {
        return new SignedCookieSessionStore(context, codec, cookie, sessionKey);
    }

    @Override
    public TypedValues typedValues() {
        return context.typedValues();
    }

    /** Whether new cookies are encrypted ({@code sessions.signed_cookies.encrypt}). */
    public boolean encrypts() {
        return codec.encrypts();
    }

    /** Nothing to do: expired cookies are simply not accepted. Always 0. */
    @Override
    public long clearExpired(LongConsumer progress) {
        return 0;
    }

    /** False: there is no server state to clear. */
    @Override
    public boolean clearsExpired() {
        return false;
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "SessionEngine[" + NAME + (encrypts() ? ", encrypted" : "") + "]";
    }
}
