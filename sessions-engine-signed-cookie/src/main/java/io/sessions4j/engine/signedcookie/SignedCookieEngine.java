package io.sessions4j.engine.signedcookie;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.signing.SignedPayload;
import io.sessions4j.engine.signedcookie.internal.CookieCipher;
import io.sessions4j.engine.signedcookie.internal.CookieCodec;

/**
 * Engine {@code signed_cookies}: the whole session lives in the client's cookie, signed with
 * {@code sessions.secret.key} (HMAC-SHA256, wire-compatible with Django's {@code signed_cookies} backend) or,
 * with {@code sessions.signed_cookies.encrypt=true}, encrypted with AES-256-GCM. No server state: nothing to
 * clear, nothing to revoke — see {@link CookieStorage}. It is the api's one engine over a cookie codec and a
 * storage whose key is the data. A tampered, truncated, foreign, expired or unreadable cookie gives a fresh
 * empty session (and a line on the {@code io.sessions4j.security.SuspiciousSession} logger), never an
 * exception; a session that no longer fits a cookie fails at the end of the request with
 * {@link io.sessions4j.api.SessionTooLargeException} before anything is sent.
 */
public final class SignedCookieEngine {
    /** The name written in {@code sessions.engine}. */
    public static final String NAME = "signed_cookies";

    private SignedCookieEngine() {
    }

    /** Builds the engine; secrets, serializer and limits come from the context's settings. All keys derived once. */
    public static StorageSessionEngine create(SessionContext context) {
        return new StorageSessionEngine(NAME, context, codec(context),
                new CookieStorage(context.settings().get(CoreSettings.VERIFIED_RECORDS)));
    }

    /** The cookie codec for these settings. */
    static CookieCodec codec(SessionContext context) {
        return new CookieCodec(context.serializer(), context.signedPayload(SignedPayload.SIGNED_COOKIES_SALT),
                new CookieCipher(context.settings().get(CoreSettings.SECRET_KEY),
                        context.settings().get(CoreSettings.SECRET_KEY_FALLBACKS)),
                context.settings().get(SignedCookieEngineProvider.ENCRYPT), acceptPlain(context));
    }

    private static boolean acceptPlain(SessionContext context) {
        boolean acceptPlain = context.settings().get(SignedCookieEngineProvider.ACCEPT_PLAIN);
        if (!acceptPlain && !context.settings().get(SignedCookieEngineProvider.ENCRYPT)) {
            throw new SessionConfigurationException(SignedCookieEngineProvider.ACCEPT_PLAIN.key()
                    + "=false needs " + SignedCookieEngineProvider.ENCRYPT.key() + "=true: the engine would refuse "
                    + "every cookie it writes");
        }
        return acceptPlain;
    }

    /** Whether {@code engine} writes encrypted cookies ({@code sessions.signed_cookies.encrypt}). */
    public static boolean encrypts(SessionEngine engine) {
        return engine instanceof StorageSessionEngine e && e.codec() instanceof CookieCodec c && c.encrypts();
    }
}
