package io.sessions4j.api;

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

class SessionCodecTest {
    private final Clock clock = Clock.systemUTC();
    private final SignedPayload payload = new SignedPayload("secret", List.of(), SignedPayload.SESSION_STORE_SALT, 1 << 20);
    private final SessionCodec codec = new SessionCodec(new JsonSessionSerializer(), payload, clock);

    @Test
    @DisplayName("D1 decode(encode(d)) == d")
    void d1_roundTrip() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", 42);
        data.put("name", "用户 ✓");
        data.put("cart", List.of(Map.of("sku", "a", "qty", 2)));
        data.put("padding", "x".repeat(500));
        assertThat(codec.decode(codec.encode(data))).isEqualTo(data);
        assertThat(codec.encode(data)).startsWith(".");
    }

    @Test
    @DisplayName("D2 bad signature, base64, zlib or JSON decode to an empty session; a bad signature logs a warning")
    void d2_badDataIsEmpty() {
        String good = codec.encode(Map.of("a", 1));
        String badSignature = good.substring(0, good.length() - 2) + (good.endsWith("A") ? "BB" : "AA");
        assertThat(capturingStderr(() -> codec.decode(badSignature))).contains("Session data corrupted");
        String badBase64 = payload.dumps("{\"a\":1}".getBytes(StandardCharsets.UTF_8), false, clock.instant())
                .replaceFirst("^[^:]+", "!!!!");
        String badZlib = sign("." + Base64.getUrlEncoder().withoutPadding().encodeToString("not zlib".getBytes()));
        String badJson = payload.dumps("{not json".getBytes(StandardCharsets.UTF_8), false, clock.instant());
        String notAnObject = payload.dumps("[1,2]".getBytes(StandardCharsets.UTF_8), false, clock.instant());
        for (String bad : new String[] {badSignature, badBase64, badZlib, badJson, notAnObject, "", "garbage", ":::"}) {
            assertThat(codec.decode(bad)).as(bad).isEmpty();
        }
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
        SessionCodec codec = new SessionCodec(new JsonSessionSerializer(), thresholded, clock);
        Map<String, Object> small = Map.of("padding", "x".repeat(900));
        Map<String, Object> large = Map.of("padding", "x".repeat(1100));
        assertThat(codec.encode(small)).doesNotStartWith(".");
        assertThat(codec.encode(large)).startsWith(".");
        assertThat(codec.decode(codec.encode(small))).isEqualTo(small);
        assertThat(codec.decode(codec.encode(large))).isEqualTo(large);
        assertThat(this.codec.decode(codec.encode(small))).as("readable by a codec that always compresses").isEqualTo(small);
    }
}
