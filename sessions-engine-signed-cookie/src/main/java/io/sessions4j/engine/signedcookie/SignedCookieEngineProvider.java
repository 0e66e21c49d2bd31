package io.sessions4j.engine.signedcookie;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngineProvider;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.Setting;
import java.util.List;

/** Registers engine {@code signed_cookies} with {@link java.util.ServiceLoader}. */
public final class SignedCookieEngineProvider implements SessionEngineProvider {
    /**
     * {@code sessions.signed_cookies.encrypt}: write AES-256-GCM encrypted cookies instead of Django's
     * plain signed ones. Off by default, because Django cannot read encrypted cookies.
     */
    public static final Setting<Boolean> ENCRYPT = Setting.bool("sessions.signed_cookies.encrypt", false,
            "Encrypt the cookie (AES-256-GCM, key derived from sessions.secret.key) so clients cannot read "
                    + "the session; Django cannot read such cookies");

    @Override
    public String name() {
        return SignedCookieEngine.NAME;
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(ENCRYPT);
    }

    @Override
    public SessionEngine create(SessionContext context) {
        return SignedCookieEngine.create(context);
    }
}
