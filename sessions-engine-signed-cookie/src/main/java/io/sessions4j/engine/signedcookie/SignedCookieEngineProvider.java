package io.sessions4j.engine.signedcookie;

import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.spi.SessionEngineProvider;
import io.sessions4j.api.Setting;
import io.sessions4j.spi.SignedJsonFormat;
import io.sessions4j.spi.SignedValueFormat;
import io.sessions4j.spi.SignedValueFormats;
import io.sessions4j.api.signing.SignedPayload;
import io.sessions4j.engine.signedcookie.internal.EncryptedCookieFormat;
import java.util.List;

/**
 * Registers engine {@code signed_cookies} with {@link java.util.ServiceLoader}; offers its two cookie formats
 * (signed, encrypted) to tools that verify values ({@link SignedValueFormats}: {@code sessions decode}).
 */
public final class SignedCookieEngineProvider implements SessionEngineProvider, SignedValueFormats {
    /**
     * {@code sessions.signed_cookies.encrypt}: write AES-256-GCM encrypted cookies instead of Django's
     * plain signed ones. Off by default, because Django cannot read encrypted cookies.
     */
    public static final Setting<Boolean> ENCRYPT = Setting.bool("sessions.signed_cookies.encrypt", false,
            "Encrypt the cookie (AES-256-GCM, key derived from sessions.secret.key) so clients cannot read "
                    + "the session; Django cannot read such cookies");

    /**
     * {@code sessions.signed_cookies.accept_plain}: with encryption on, whether plain signed cookies
     * (Django's format, readable by the client) are still accepted. True by default, the migration
     * mode: users whose cookie predates {@code encrypt=true} stay logged in and get an encrypted
     * cookie on their next save. Set it to false once those cookies have expired (at most
     * {@code sessions.cookie.age} later), so that no session can be read from an old plain cookie
     * a client kept (or an attacker copied). Only allowed with {@code encrypt=true}.
     */
    public static final Setting<Boolean> ACCEPT_PLAIN = Setting.bool("sessions.signed_cookies.accept_plain", true,
            "With sessions.signed_cookies.encrypt=true, still accept plain signed cookies (migration from "
                    + "unencrypted cookies); false refuses them");

    @Override
    public String name() {
        return SignedCookieEngine.NAME;
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(ENCRYPT, ACCEPT_PLAIN);
    }

    @Override
    public SessionEngine create(SessionContext context) {
        return SignedCookieEngine.create(context);
    }

    /** Django's signed cookie, then the encrypted one: both are read whatever the engine writes. */
    @Override
    public List<SignedValueFormat> signedValueFormats(SessionContext context) {
        return List.of(new SignedJsonFormat(context, SignedPayload.SIGNED_COOKIES_SALT, "signed cookie",
                "a signed_cookies session cookie", true), new EncryptedCookieFormat(context));
    }
}
