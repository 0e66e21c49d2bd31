package io.sessions4j.engine.signedcookie.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sessions4j.api.BadSignatureException;
import io.sessions4j.api.JsonSessionSerializer;
import io.sessions4j.spi.SessionCodec;
import io.sessions4j.api.signing.SignedPayload;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the signed-cookie engine's cookie formats ({@link CookieCodec}, {@link CookieCipher}):
 * the shape check, the signed and the encrypted ({@code !1.} AES-GCM) framing.
 *
 * <p>{@link CookieCodec#decode} never throws (a rejected cookie is no session); {@link CookieCodec#verify} rejects
 * a client's cookie with {@link BadSignatureException}, or, when it verifies but holds no JSON object, with the
 * documented {@link IllegalArgumentException}; content encrypted with the right key but malformed inside (no timestamp, a timestamp out of
 * {@code Instant}'s range, not a JSON object) fails with {@code BadSignatureException} or the documented
 * {@link IllegalArgumentException}; what the codec writes it reads back.
 *
 * <p>Every build replays {@code src/test/resources/io/sessions4j/engine/signedcookie/internal/CookieCodecFuzzTestInputs/};
 * {@code docs/reliability.md} gives the command that fuzzes for minutes.
 */
class CookieCodecFuzzTest {
    private static final String SECRET = "fuzz-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static final Instant NOW = Instant.ofEpochSecond(1_700_487_223L);
    private static final CookieCipher CIPHER = new CookieCipher(SECRET, List.of("old-fuzz-secret"));
    private static final CookieCodec SIGNED = codec(false);
    private static final CookieCodec ENCRYPTED = codec(true);

    private static CookieCodec codec(boolean encrypt) {
        return new CookieCodec(new JsonSessionSerializer(),
                new SignedPayload(SECRET, List.of(), SignedPayload.SIGNED_COOKIES_SALT), CIPHER, encrypt);
    }

    /** Whatever a client sends as the cookie: the shape check never throws, and decoding rejects it cleanly. */
    @FuzzTest
    void clientCookie(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        if (!CookieCodec.isWellFormed(value)) {
            return;
        }
        assertThat(value.length()).isLessThanOrEqualTo(CookieCodec.MAX_VALUE_LENGTH);
        SIGNED.decode(value, NOW); // the store's entry point: never throws, a rejection is no session
        try {
            SIGNED.verify(value, NOW);
        } catch (BadSignatureException expected) {
            // forged, tampered or truncated: the documented rejection
        } catch (IllegalArgumentException expected) {
            // verified (the corpus holds values signed with this test's secret) but not a JSON object: documented
        }
    }

    /** Plaintext encrypted with the right key (a key holder's mistake or a future format): clean failure or data. */
    @FuzzTest
    void encryptedPlaintext(byte[] plaintext) {
        String cookie = CIPHER.seal(plaintext);
        try {
            assertThat(ENCRYPTED.verify(cookie, NOW).data()).isNotNull();
        } catch (BadSignatureException | IllegalArgumentException expected) {
            // no or malformed timestamp, or not a JSON object: documented
        }
    }

    /** What the codec writes it reads back, in both formats, with the time it was written. */
    @FuzzTest
    void roundTrip(FuzzedDataProvider data) {
        CookieCodec codec = data.consumeBoolean() ? ENCRYPTED : SIGNED;
        Instant at = Instant.ofEpochSecond(data.consumeLong(0, 1L << 36));
        Map<String, Object> session = new LinkedHashMap<>();
        int entries = data.consumeInt(0, 8);
        for (int i = 0; i < entries; i++) {
            String key = data.consumeString(32);
            session.put(key, switch (data.consumeInt(0, 3)) {
                case 0 -> data.consumeString(200);
                case 1 -> data.consumeLong();
                case 2 -> data.consumeBoolean();
                default -> List.of(data.consumeString(20), data.consumeInt());
            });
        }
        SessionCodec.Decoded decoded = codec.verify(codec.encode(session, at), NOW);
        assertThat(decoded.data()).isEqualTo(normalized(session));
        assertThat(decoded.signedAt()).isEqualTo(at);
    }

    /** JSON reads integers back as the smallest fitting type; compare numbers by value. */
    private static Map<String, Object> normalized(Map<String, Object> session) {
        Map<String, Object> out = new LinkedHashMap<>();
        session.forEach((k, v) -> out.put(k, v instanceof Long l && l == l.intValue() ? (Object) l.intValue() : v));
        return out;
    }
}
