package io.sessions4j.api.signing;

import static io.sessions4j.api.signing.Vectors.instant;
import static io.sessions4j.api.signing.Vectors.maxAge;
import static io.sessions4j.api.signing.Vectors.text;
import static io.sessions4j.api.signing.Vectors.textList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessions4j.api.BadSignatureException;
import io.sessions4j.api.SignatureExpiredException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance against strings produced by a real Django (3.2, checked on 5.2):
 * D3 (sign/dumps identical, Django's strings verify), D4 (rejections) and D5 (fallback secrets).
 */
class DjangoVectorsTest {
    private static final ObjectMapper DJANGO_JSON = DjangoJson.mapper();

    static Stream<Arguments> signer() {
        return Vectors.section("signer");
    }

    static Stream<Arguments> timestampSigner() {
        return Vectors.section("timestamp_signer");
    }

    static Stream<Arguments> dumps() {
        return Vectors.section("dumps");
    }

    static Stream<Arguments> sessionData() {
        return Vectors.section("session_data");
    }

    static Stream<Arguments> signedCookieSession() {
        return Vectors.section("signed_cookie_session");
    }

    static Stream<Arguments> reject() {
        return Vectors.section("reject");
    }

    static Stream<Arguments> fallback() {
        return Vectors.section("fallback");
    }

    @ParameterizedTest
    @MethodSource("signer")
    void d3_signer(JsonNode r) {
        Signer signer = new Signer(text(r, "key"), List.of(), text(r, "salt"));

        assertThat(signer.sign(text(r, "value"))).isEqualTo(text(r, "signed"));
        assertThat(signer.unsign(text(r, "signed"))).isEqualTo(text(r, "value"));
    }

    @ParameterizedTest
    @MethodSource("timestampSigner")
    void d3_timestampSigner(JsonNode r) {
        TimestampSigner signer = new TimestampSigner(text(r, "key"), List.of(), text(r, "salt"));
        Instant signedAt = instant(r, "timestamp");

        assertThat(signer.sign(text(r, "value"), signedAt)).isEqualTo(text(r, "signed"));
        TimestampSigner.Unsigned unsigned =
                signer.unsign(text(r, "signed"), Duration.ofSeconds(60), signedAt.plusSeconds(30));
        assertThat(unsigned.value()).isEqualTo(text(r, "value"));
        assertThat(unsigned.timestamp()).isEqualTo(signedAt);
    }

    @ParameterizedTest
    @MethodSource("dumps")
    void d3_dumps(JsonNode r) throws IOException {
        assertDumpsAndLoads(r, r.get("compress").asBoolean(), "signed", null);
    }

    /** Django's session engines (db, cache, file) call signing.dumps(..., compress=True). */
    @ParameterizedTest
    @MethodSource("sessionData")
    void d3_sessionData(JsonNode r) throws IOException {
        assertThat(text(r, "salt")).isEqualTo(SignedPayload.SESSION_STORE_SALT);
        assertDumpsAndLoads(r, true, "encoded", null);
    }

    @ParameterizedTest
    @MethodSource("signedCookieSession")
    void d3_signedCookieSession(JsonNode r) throws IOException {
        assertThat(text(r, "salt")).isEqualTo(SignedPayload.SIGNED_COOKIES_SALT);
        assertDumpsAndLoads(r, true, "cookie_value", maxAge(r));
    }

    private static void assertDumpsAndLoads(JsonNode r, boolean compress, String field, Duration maxAge)
            throws IOException {
        SignedPayload payload = new SignedPayload(text(r, "key"), List.of(), text(r, "salt"));
        Instant signedAt = instant(r, "timestamp");
        String django = text(r, field);

        // Byte-identical: same JSON bytes (DjangoJson), same zlib stream, same signature.
        byte[] json = DJANGO_JSON.writeValueAsBytes(r.get("object"));
        assertThat(payload.dumps(json, compress, signedAt)).isEqualTo(django);

        SignedPayload.Loaded loaded = payload.loads(django, maxAge, signedAt.plusSeconds(1));
        assertThat(Vectors.JSON.readTree(loaded.json())).isEqualTo(r.get("object"));
        assertThat(loaded.timestamp()).isEqualTo(signedAt);

        // The same value as the bytes a driver returns (issue #20): read in place, same data, same time.
        SignedPayload.Loaded fromBytes = payload.loads(django.getBytes(StandardCharsets.UTF_8), maxAge,
                signedAt.plusSeconds(1), (bytes, offset, length, at) -> new SignedPayload.Loaded(
                        Arrays.copyOfRange(bytes, offset, offset + length), at));
        assertThat(fromBytes.json()).isEqualTo(loaded.json());
        assertThat(fromBytes.timestamp()).isEqualTo(signedAt);
    }

    @ParameterizedTest
    @MethodSource("reject")
    void d4_reject(JsonNode r) {
        SignedPayload payload = new SignedPayload(text(r, "key"), List.of(), text(r, "salt"));
        String kind = text(r, "django_error");
        Class<? extends BadSignatureException> expected = switch (kind) {
            case "BadSignature" -> BadSignatureException.class;
            case "SignatureExpired" -> SignatureExpiredException.class;
            default -> throw new IllegalStateException("unknown django_error " + kind);
        };

        // Exact class: a tampered value must not be reported as merely expired, and vice versa.
        assertThatThrownBy(() -> payload.loads(text(r, "signed"), maxAge(r), instant(r, "now")))
                .isExactlyInstanceOf(expected);
        assertThatThrownBy(() -> payload.loads(text(r, "signed").getBytes(StandardCharsets.UTF_8), maxAge(r),
                instant(r, "now"), (bytes, offset, length, at) -> at)).as("as bytes").isExactlyInstanceOf(expected);
    }

    /** Same wording as Django ("Signature age X > Y seconds"); Django prints X as a float. */
    @Test
    void d4_expiredMessage() {
        JsonNode r = null;
        for (JsonNode n : Vectors.ROOT.get("reject")) {
            if ("SignatureExpired".equals(n.get("django_error").asText())) {
                r = n;
            }
        }
        assertThat(r).as("an expired reject vector").isNotNull();
        JsonNode expired = r;
        SignedPayload payload = new SignedPayload(text(r, "key"), List.of(), text(r, "salt"));

        assertThatThrownBy(() -> payload.loads(text(expired, "signed"), maxAge(expired), instant(expired, "now")))
                .hasMessage("Signature age 3600 > 10 seconds");
    }

    @ParameterizedTest
    @MethodSource("fallback")
    void d5_fallbackSecretOnlyWhenConfigured(JsonNode r) throws IOException {
        String current = text(r, "current_key");
        List<String> fallbacks = textList(r, "fallback_keys");
        String salt = text(r, "salt");
        String encoded = text(r, "encoded");
        Instant now = instant(r, "timestamp").plusSeconds(1);

        assertThatThrownBy(() -> new SignedPayload(current, List.of(), salt).loads(encoded, null, now))
                .isExactlyInstanceOf(BadSignatureException.class);

        SignedPayload rotated = new SignedPayload(current, fallbacks, salt);
        assertThat(Vectors.JSON.readTree(rotated.loads(encoded, null, now).json())).isEqualTo(r.get("object"));
        assertThat(Vectors.JSON.readTree(rotated.loads(encoded.getBytes(StandardCharsets.UTF_8), null, now,
                (SignedPayload.PayloadReader<byte[]>) (bytes, offset, length, at) -> Arrays.copyOfRange(bytes, offset,
                        offset + length)))).as("as bytes")
                .isEqualTo(r.get("object"));
        assertThatThrownBy(() -> new SignedPayload(current, List.of(), salt).loads(encoded.getBytes(StandardCharsets.UTF_8),
                null, now, (bytes, offset, length, at) -> at)).as("as bytes").isExactlyInstanceOf(BadSignatureException.class);

        // New data is signed with the current secret only.
        String fresh = rotated.dumps(DJANGO_JSON.writeValueAsBytes(r.get("object")), true, now);
        assertThat(new SignedPayload(current, List.of(), salt).loads(fresh, null, now).json()).isNotEmpty();
        for (String old : fallbacks) {
            assertThatThrownBy(() -> new SignedPayload(old, List.of(), salt).loads(fresh, null, now))
                    .isExactlyInstanceOf(BadSignatureException.class);
        }
    }

    @Test
    void d5_signerFallbacks() {
        String current = Vectors.ROOT.get("secret").asText();
        String old = Vectors.ROOT.get("old_secret").asText();
        String oldSigned = new Signer(old, null, "s").sign("v");

        assertThatThrownBy(() -> new Signer(current, null, "s").unsign(oldSigned))
                .isInstanceOf(BadSignatureException.class);
        Signer rotated = new Signer(current, List.of("unrelated", old), "s");
        assertThat(rotated.unsign(oldSigned)).isEqualTo("v");
        assertThat(new Signer(current, null, "s").unsign(rotated.sign("v"))).isEqualTo("v");
    }
}
