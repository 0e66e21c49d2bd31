package io.sessions4j.engine.signedcookie.internal;

import io.sessions4j.api.BadSignatureException;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SignedValueFormat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The encrypted signed-cookie format ({@code sessions.signed_cookies.encrypt=true}) as a {@link SignedValueFormat}:
 * opened with each secret's key in turn (one AES-GCM tag check per secret), read with {@link CookieCodec}'s
 * framing, so that {@code sessions decode} can say which secret sealed a cookie.
 */
public final class EncryptedCookieFormat implements SignedValueFormat {
    private final SessionContext context;
    /** One per secret, in {@link SignedValueFormat#secrets} order: each opens with its own key only. */
    private final List<CookieCipher> bySecret;

    public EncryptedCookieFormat(SessionContext context) {
        this.context = context;
        this.bySecret = SignedValueFormat.secrets(context.settings()).stream()
                .map(secret -> new CookieCipher(secret, List.of()))
                .toList();
    }

    @Override
    public String name() {
        return "signed cookie";
    }

    @Override
    public String description() {
        return "a signed_cookies session cookie, encrypted (AES-256-GCM, sessions.signed_cookies.encrypt)";
    }

    @Override
    public boolean rejectedWhenExpired() {
        return true;
    }

    @Override
    public Optional<Verified> verify(String value, Instant now) {
        if (!value.startsWith(CookieCipher.PREFIX)) {
            return Optional.empty();
        }
        for (int i = 0; i < bySecret.size(); i++) {
            byte[] plain;
            try {
                plain = bySecret.get(i).open(value);
            } catch (BadSignatureException e) {
                continue; // not this secret
            }
            Instant sealedAt;
            try {
                sealedAt = CookieCodec.sealedAt(plain);
            } catch (BadSignatureException e) {
                throw new UnreadableValueException(i, e.getMessage(), e);
            }
            return Optional.of(Verified.read(this, context, i, sealedAt, () -> CookieCodec.sealedJson(plain)));
        }
        return Optional.empty();
    }
}
