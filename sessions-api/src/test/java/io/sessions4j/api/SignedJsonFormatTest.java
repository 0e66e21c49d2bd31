package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.signing.SignedPayload;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Stored session data as a {@link SignedValueFormat}: which secret verified a value (the {@code sessions decode} command). */
class SignedJsonFormatTest {
    private static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");
    private static final String CURRENT = "current-secret-0123456789abcdef";
    private static final String OLD = "old-secret-0123456789abcdef";

    private static SessionContext context(String secret, String fallbacks) {
        return SessionContext.create(SessionSettings.of(Map.of("sessions.secret.key", secret,
                "sessions.secret.key.fallbacks", fallbacks)), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String signed(String secret, String salt, String json) {
        return new SignedPayload(secret, null, salt).dumps(json.getBytes(StandardCharsets.UTF_8), true, NOW);
    }

    @Test
    @DisplayName("a value of the current secret: secret 0, the signing time, the data and its expiry by the cookie age")
    void currentSecret() {
        SignedValueFormat format = SignedValueFormat.storedSessionData(context(CURRENT, OLD));

        SignedValueFormat.Verified verified = format.verify(signed(CURRENT, SignedPayload.SESSION_STORE_SALT,
                "{\"user_id\":42}"), NOW.plusSeconds(5)).orElseThrow();

        assertThat(verified.format()).isSameAs(format);
        assertThat(verified.secretIndex()).isZero();
        assertThat(verified.signedAt()).isEqualTo(NOW);
        assertThat(verified.data()).isEqualTo(Map.of("user_id", 42));
        assertThat(verified.expiry()).isEqualTo(NOW.plusSeconds(1209600));
        assertThat(format.description()).isEqualTo("stored session data (salt " + SignedPayload.SESSION_STORE_SALT + ")");
        assertThat(format.rejectedWhenExpired()).isFalse();
    }

    @Test
    @DisplayName("a value of a fallback secret names that fallback (1-based, in configured order)")
    void fallbackSecret() {
        SignedValueFormat format = SignedValueFormat.storedSessionData(context(CURRENT, "unrelated-secret," + OLD));

        assertThat(format.verify(signed(OLD, SignedPayload.SESSION_STORE_SALT, "{}"), NOW).orElseThrow().secretIndex())
                .isEqualTo(2);
    }

    @Test
    @DisplayName("another salt, another secret or a tampered value: empty, no exception")
    void notVerified() {
        SignedValueFormat format = SignedValueFormat.storedSessionData(context(CURRENT, OLD));
        String value = signed(CURRENT, SignedPayload.SESSION_STORE_SALT, "{\"a\":1}");

        assertThat(format.verify(signed(CURRENT, SignedPayload.SIGNED_COOKIES_SALT, "{\"a\":1}"), NOW)).isEmpty();
        assertThat(format.verify(signed("someone-elses-secret-0123456789", SignedPayload.SESSION_STORE_SALT, "{}"), NOW))
                .isEmpty();
        assertThat(format.verify("x" + value, NOW)).isEmpty();
        assertThat(format.verify("no separators at all", NOW)).isEmpty();
    }

    @Test
    @DisplayName("a verified value whose content is not session JSON: UnreadableValueException naming the secret")
    void verifiedButUnreadable() {
        SignedValueFormat format = SignedValueFormat.storedSessionData(context(CURRENT, OLD));

        assertThatThrownBy(() -> format.verify(signed(OLD, SignedPayload.SESSION_STORE_SALT, "[1, 2]"), NOW))
                .isInstanceOfSatisfying(SignedValueFormat.UnreadableValueException.class,
                        e -> assertThat(e.secretIndex()).isEqualTo(1));
    }

    @Test
    @DisplayName("the formats available start with stored session data")
    void availableFormats() {
        assertThat(SignedValueFormats.available(context(CURRENT, "")).get(0).name()).isEqualTo("stored session data");
    }
}
