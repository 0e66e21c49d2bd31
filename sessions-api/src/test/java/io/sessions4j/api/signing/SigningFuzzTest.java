package io.sessions4j.api.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sessions4j.api.BadSignatureException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Coverage-guided fuzzing of Django's signed-value framing ({@link Signer}, {@link TimestampSigner},
 * {@link SignedPayload}): {@code value:signature}, {@code value:base62(time):signature} and
 * {@code [.]base64(json or zlib(json))}. The only documented failure is {@link BadSignatureException}
 * (its subclass {@code SignatureExpiredException} included); anything else — an unchecked exception from
 * base64, base62, zlib or time arithmetic, a hang, or an inflated payload above the limit — is a finding.
 *
 * <p>Two kinds of attacker: one who sends any string (no secret: the signature check must hold), and one
 * whose content is signed with the right secret (a leaked secret, or a Django app sharing it): the framing
 * inside the signature must still fail cleanly, and decompression stay bounded.
 *
 * <p>Every build replays the corpus in {@code src/test/resources/io/sessions4j/api/signing/SigningFuzzTestInputs/};
 * {@code docs/reliability.md} gives the command that fuzzes one method for minutes.
 */
class SigningFuzzTest {
    private static final String SECRET = "fuzz-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static final String SALT = SignedPayload.SESSION_STORE_SALT;
    private static final Instant NOW = Instant.ofEpochSecond(1_700_487_223L);
    /** Small on purpose: a bound that holds at 4 KiB holds at the 1 MiB default, and the fuzzer reaches it. */
    private static final int MAX_INFLATED = 4096;

    private static final Signer SIGNER = new Signer(SECRET, List.of(), SALT);
    private static final TimestampSigner TIMESTAMP_SIGNER = new TimestampSigner(SECRET, List.of(), SALT);
    private static final SignedPayload PAYLOAD = new SignedPayload(SECRET, List.of(), SALT, MAX_INFLATED);

    /** A client's string, no secret known: nothing but BadSignatureException, whatever the bytes. */
    @FuzzTest
    void clientValue(FuzzedDataProvider data) {
        Duration maxAge = data.consumeBoolean() ? null : Duration.ofSeconds(data.consumeLong());
        String value = data.consumeRemainingAsString();
        rejectedOrLoaded(() -> SIGNER.unsign(value));
        rejectedOrLoaded(() -> TIMESTAMP_SIGNER.unsign(value, maxAge, NOW));
        rejectedOrLoaded(() -> PAYLOAD.loads(value, maxAge, NOW));
    }

    /**
     * Content signed with the secret (timestamp, base64 and compression marker all chosen by the fuzzer):
     * the framing inside a valid signature fails with BadSignatureException only.
     */
    @FuzzTest
    void signedContent(FuzzedDataProvider data) {
        Duration maxAge = data.consumeBoolean() ? null : Duration.ofSeconds(data.consumeLong());
        String signed = SIGNER.sign(data.consumeRemainingAsString());
        rejectedOrLoaded(() -> TIMESTAMP_SIGNER.unsign(signed, maxAge, NOW));
        rejectedOrLoaded(() -> {
            SignedPayload.Loaded loaded = PAYLOAD.loads(signed, maxAge, NOW);
            assertThat(loaded.json().length).isLessThanOrEqualTo(signed.length() + MAX_INFLATED);
        });
    }

    /** Any bytes as a signed compressed payload (a zlib bomb, a truncated or dictionary stream): bounded, clean failure. */
    @FuzzTest
    void signedCompressedBytes(byte[] zlib) {
        String signed = SIGNER.sign("." + Base64.getUrlEncoder().withoutPadding().encodeToString(zlib)
                + Signer.SEPARATOR + Base62.encode(NOW.getEpochSecond()));
        rejectedOrLoaded(() -> assertThat(PAYLOAD.loads(signed, null, NOW).json().length)
                .isLessThanOrEqualTo(MAX_INFLATED));
    }

    /** What we sign we read back, byte for byte, compressed or not (D1 over arbitrary bytes). */
    @FuzzTest
    void roundTrip(FuzzedDataProvider data) {
        boolean compress = data.consumeBoolean();
        long seconds = data.consumeLong(-1L << 40, 1L << 40);
        byte[] json = data.consumeRemainingAsBytes();
        Instant at = Instant.ofEpochSecond(seconds);
        String signed = new SignedPayload(SECRET, List.of(), SALT).dumps(json, compress, at);
        SignedPayload.Loaded loaded = new SignedPayload(SECRET, List.of(), SALT).loads(signed, null, at);
        assertThat(loaded.json()).isEqualTo(json);
        assertThat(loaded.timestamp()).isEqualTo(at);
        assertThat(TIMESTAMP_SIGNER.unsign(TIMESTAMP_SIGNER.sign(new String(json, StandardCharsets.UTF_8), at), null, at)
                .value()).isEqualTo(new String(json, StandardCharsets.UTF_8));
    }

    /** Runs {@code decode}; a BadSignatureException is the documented answer, anything else propagates. */
    private static void rejectedOrLoaded(Runnable decode) {
        try {
            decode.run();
        } catch (BadSignatureException expected) {
            // the documented rejection
        }
    }
}
