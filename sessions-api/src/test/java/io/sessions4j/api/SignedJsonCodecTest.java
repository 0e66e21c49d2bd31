package io.sessions4j.api;

import io.sessions4j.spi.SessionCodec;
import io.sessions4j.spi.SignedJsonCodec;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.signing.SignedPayload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignedJsonCodecTest {
    private final Clock clock = Clock.systemUTC();
    private final SignedPayload payload = new SignedPayload("secret", List.of(), SignedPayload.SESSION_STORE_SALT, 1 << 20);
    private final SignedJsonCodec codec = new SignedJsonCodec(new JsonSessionSerializer(), payload);

    @Test
    @DisplayName("D1 decode(encode(d)) == d")
    void d1_roundTrip() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", 42);
        data.put("name", "用户 ✓");
        data.put("cart", List.of(Map.of("sku", "a", "qty", 2)));
        data.put("padding", "x".repeat(500));
        assertThat(decode(codec, encode(codec, data))).isEqualTo(data);
        assertThat(encode(codec, data)).startsWith(".");
    }

    @Test
    @DisplayName("D2 bad signature, base64, zlib or JSON decode to an empty session; a bad signature logs a warning")
    void d2_badDataIsEmpty() {
        String good = encode(codec, Map.of("a", 1));
        String badSignature = good.substring(0, good.length() - 2) + (good.endsWith("A") ? "BB" : "AA");
        assertThat(capturingStderr(() -> decode(codec, badSignature))).contains("Session data corrupted");
        String badBase64 = payload.dumps("{\"a\":1}".getBytes(StandardCharsets.UTF_8), false, clock.instant())
                .replaceFirst("^[^:]+", "!!!!");
        String badZlib = sign("." + Base64.getUrlEncoder().withoutPadding().encodeToString("not zlib".getBytes()));
        String badJson = payload.dumps("{not json".getBytes(StandardCharsets.UTF_8), false, clock.instant());
        String notAnObject = payload.dumps("[1,2]".getBytes(StandardCharsets.UTF_8), false, clock.instant());
        for (String bad : new String[] {badSignature, badBase64, badZlib, badJson, notAnObject, "", "garbage", ":::"}) {
            assertThat(decode(codec, bad)).as(bad).isEmpty();
        }
    }

    private String encode(SignedJsonCodec codec, Map<String, Object> data) {
        return codec.encode(data, clock.instant());
    }

    /** The decoded data, or an empty map for what fails (as a store sees it). */
    private Map<String, Object> decode(SignedJsonCodec codec, String encoded) {
        return codec.decode(encoded, clock.instant()).map(SessionCodec.Decoded::data).orElseGet(Map::of);
    }

    private String sign(String value) {
        return new io.sessions4j.api.signing.TimestampSigner("secret", List.of(), SignedPayload.SESSION_STORE_SALT)
                .sign(value, clock.instant());
    }

    /** What slf4j-simple printed while {@code action} ran (it writes to the current System.err). */
    static String capturingStderr(Supplier<?> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.get();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("D1 small payloads are stored uncompressed below the threshold, compressed from it on; both decode")
    void d1_compressionThreshold() {
        SignedPayload thresholded = new SignedPayload("secret", List.of(), SignedPayload.SESSION_STORE_SALT, 1 << 20, 1024);
        SignedJsonCodec codec = new SignedJsonCodec(new JsonSessionSerializer(), thresholded);
        Map<String, Object> small = Map.of("padding", "x".repeat(900));
        Map<String, Object> large = Map.of("padding", "x".repeat(1100));
        assertThat(encode(codec, small)).doesNotStartWith(".");
        assertThat(encode(codec, large)).startsWith(".");
        assertThat(decode(codec, encode(codec, small))).isEqualTo(small);
        assertThat(decode(codec, encode(codec, large))).isEqualTo(large);
        assertThat(decode(this.codec, encode(codec, small))).as("readable by a codec that always compresses").isEqualTo(small);
    }
}
