package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.SignedValueFormat;
import io.sessions4j.api.SignedValueFormats;
import io.sessions4j.api.StorageSessionEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cookie formats the provider offers to tools ({@code sessions decode}): which format and secret read a cookie. */
class SignedValueFormatsTest {
    private static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A cookie the engine writes with {@code secret} (and encryption as given). */
    private static String cookie(String secret, boolean encrypt) {
        try (StorageSessionEngine engine = SignedCookieEngine.create(SessionContext.create(Engines.settings(
                "sessions.secret.key", secret, "sessions.signed_cookies.encrypt", String.valueOf(encrypt)), CLOCK))) {
            SessionStore store = engine.open(null);
            store.put("cart", 3);
            store.save();
            return store.getSessionKey();
        }
    }

    private static List<SignedValueFormat> formats() {
        SessionContext context = SessionContext.create(Engines.settings(
                "sessions.secret.key.fallbacks", Engines.OLD_SECRET), CLOCK);
        return new SignedCookieEngineProvider().signedValueFormats(context);
    }

    private static SignedValueFormat.Verified readBy(SignedValueFormat format, String value) {
        return format.verify(value, NOW).orElseThrow(() -> new AssertionError(format.description() + " rejected " + value));
    }

    @Test
    @DisplayName("the signed format reads a plain cookie, the encrypted one an encrypted cookie; neither reads the other's")
    void eachFormatReadsItsOwn() {
        SignedValueFormat signed = formats().get(0);
        SignedValueFormat encrypted = formats().get(1);
        String plainCookie = cookie(Engines.SECRET, false);
        String sealedCookie = cookie(Engines.SECRET, true);

        assertThat(readBy(signed, plainCookie).data()).isEqualTo(Map.of("cart", 3));
        assertThat(readBy(encrypted, sealedCookie).data()).isEqualTo(Map.of("cart", 3));
        assertThat(readBy(encrypted, sealedCookie).signedAt()).isEqualTo(NOW);
        assertThat(signed.verify(sealedCookie, NOW)).isEmpty();
        assertThat(encrypted.verify(plainCookie, NOW)).isEmpty();
        assertThat(signed.rejectedWhenExpired()).isTrue();
        assertThat(encrypted.rejectedWhenExpired()).isTrue();
        assertThat(encrypted.description()).contains("encrypted");
    }

    @Test
    @DisplayName("a cookie of a fallback secret is reported as that fallback, in both formats")
    void fallbackSecretIsNamed() {
        assertThat(readBy(formats().get(0), cookie(Engines.OLD_SECRET, false)).secretIndex()).isEqualTo(1);
        assertThat(readBy(formats().get(1), cookie(Engines.OLD_SECRET, true)).secretIndex()).isEqualTo(1);
        assertThat(readBy(formats().get(1), cookie(Engines.SECRET, true)).secretIndex()).isZero();
    }

    @Test
    @DisplayName("a tampered or foreign encrypted cookie: empty, no exception")
    void tamperedEncryptedCookie() {
        String sealed = cookie(Engines.SECRET, true);
        int middle = sealed.length() / 2; // inside the ciphertext: every bit of it is authenticated
        String tampered = sealed.substring(0, middle) + (sealed.charAt(middle) == 'A' ? 'B' : 'A')
                + sealed.substring(middle + 1);

        assertThat(formats().get(1).verify(tampered, NOW)).isEmpty();
        assertThat(formats().get(1).verify(cookie(Engines.OTHER_SECRET, true), NOW)).isEmpty();
    }

    @Test
    @DisplayName("the provider is found as a SignedValueFormats capability: stored data first, then its two cookie formats")
    void offeredThroughTheProviders() {
        assertThat(SessionEngines.provider(SignedCookieEngine.NAME)).isInstanceOf(SignedValueFormats.class);
        assertThat(SignedValueFormats.available(SessionContext.create(Engines.settings(), CLOCK)))
                .extracting(SignedValueFormat::name).containsExactly("stored session data", "signed cookie", "signed cookie");
    }
}
