package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.signing.SignedPayload;
import io.sessions4j.api.signing.Signer;
import io.sessions4j.api.signing.TimestampSigner;
import io.sessions4j.spi.SessionCodec;
import io.sessions4j.spi.SessionSerializer;
import io.sessions4j.spi.SessionStorage.Stored;
import io.sessions4j.spi.SignedJsonCodec;
import io.sessions4j.spi.StoredBytes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue #20: stored data read as bytes ({@link StoredBytes}: pgJDBC's getBytes, Jedis's binary GET) is verified and
 * decoded without a String of it. Whatever the bytes hold, the answer must be the one the String path gives for the
 * String a driver would have made of them (UTF-8), and a bad signature must be logged the same way.
 */
class StoredBytesDecodeTest {
    private static final String SALT = SignedPayload.SESSION_STORE_SALT;
    private final Instant now = Instant.parse("2026-11-30T12:00:00Z");
    private final SignedPayload payload = new SignedPayload("secret", List.of("old secret"), SALT, 1 << 20);
    private final SignedJsonCodec codec = new SignedJsonCodec(new JsonSessionSerializer(), payload);

    @Test
    @DisplayName("valid data, compressed or not, ASCII or not inside the JSON: the bytes decode to what the String decodes to")
    void validDataDecodesAlike() {
        for (Map<String, Object> data : List.of(session(1), session(40), Map.<String, Object>of("name", "用户 ✓ ünïcödé"),
                Map.<String, Object>of(), Map.<String, Object>of("big", incompressible(30_000)))) {
            String encoded = codec.encode(new LinkedHashMap<>(data), now);
            Optional<SessionCodec.Decoded> fromBytes = codec.decode(bytes(encoded), now);
            assertThat(fromBytes).as("decodes").isPresent();
            assertThat(fromBytes).isEqualTo(codec.decode(encoded, now));
            assertThat(fromBytes.get().data()).isEqualTo(data);
            assertThat(fromBytes.get().signedAt()).isEqualTo(now);
        }
    }

    @Test
    @DisplayName("data signed with a fallback secret, or in a form only the JDK's base64 decoder takes (padding), decodes alike")
    void fallbackSecretAndPaddedBase64DecodeAlike() {
        String old = new SignedJsonCodec(new JsonSessionSerializer(), new SignedPayload("old secret", List.of(), SALT))
                .encode(session(2), now);
        String json = "{\"a\":1,\"b\":\"\u00e9\"}"; // 17 bytes: base64 needs one '=' of padding
        String padded = sign(Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(padded).contains("=:");
        for (String encoded : List.of(old, padded)) {
            assertThat(codec.decode(bytes(encoded), now)).as(encoded).isPresent().isEqualTo(codec.decode(encoded, now));
        }
    }

    @Test
    @DisplayName("tampered, foreign, truncated, non-ASCII or unsigned data is empty both ways, and a bad signature is logged both ways")
    void badDataIsEmptyBothWays() {
        String good = codec.encode(session(3), now);
        String foreign = new SignedJsonCodec(new JsonSessionSerializer(), new SignedPayload("other", List.of(), SALT))
                .encode(session(3), now);
        int colon = good.lastIndexOf(':');
        List<String> bad = new ArrayList<>(List.of(foreign, "", ":", ":::", "garbage", good.substring(0, good.length() - 1),
                good + "A", good.substring(1), good.substring(0, colon) + ":" + "é".repeat(43),
                "é" + good, good.substring(0, 5) + "é" + good.substring(6),
                // signed over non-ASCII UTF-8 by our own secret: valid signature, not base64 (ð is C3 B0, whose low
                // seven bits are "C0": a decoder that ignored the high bit would take it for base64)
                sign("é" + good.substring(0, good.lastIndexOf(':', colon - 1))),
                sign("ðð" + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8))),
                // a valid signature over a timestamp that is not base62
                new Signer("secret", List.of(), SALT).sign(good.substring(0, good.lastIndexOf(':', colon - 1)) + ":é")));
        for (String encoded : bad) {
            String viaString = SignedJsonCodecTest.capturingStderr(() -> assertThat(codec.decode(encoded, now)).as(encoded).isEmpty());
            String viaBytes = SignedJsonCodecTest.capturingStderr(() -> assertThat(codec.decode(bytes(encoded), now)).as(encoded).isEmpty());
            // The same verdict: refused as tampered (security log) or as unreadable.
            assertThat(viaBytes.contains("Session data corrupted")).as(encoded).isEqualTo(viaString.contains("Session data corrupted"));
            assertThat(viaBytes.contains("could not be decoded")).as(encoded).isEqualTo(viaString.contains("could not be decoded"));
        }
        String tampered = good.substring(0, colon + 1) + (good.charAt(colon + 1) == 'A' ? 'B' : 'A') + good.substring(colon + 2);
        assertThat(SignedJsonCodecTest.capturingStderr(() -> codec.decode(bytes(tampered), now)))
                .contains("Session data corrupted");
        String unreadable = payload.dumps("[1,2]".getBytes(StandardCharsets.UTF_8), false, now);
        assertThat(SignedJsonCodecTest.capturingStderr(() -> codec.decode(bytes(unreadable), now)))
                .contains("valid signature but could not be decoded");
    }

    @Test
    @DisplayName("every byte of a valid value changed to any other (ASCII or not): both paths agree, and only the original decodes")
    void everySingleByteChangeAgrees() {
        SplittableRandom random = new SplittableRandom(20);
        for (String good : List.of(codec.encode(session(4), now), codec.encode(Map.of("k", "v"), now))) {
            byte[] original = good.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < original.length; i++) {
                byte[] changed = original.clone();
                byte b;
                do {
                    b = (byte) random.nextInt(256);
                } while (b == original[i]);
                changed[i] = b;
                String asDriverString = new String(changed, StandardCharsets.UTF_8);
                Optional<SessionCodec.Decoded> viaString = codec.decode(asDriverString, now);
                Optional<SessionCodec.Decoded> viaBytes = codec.decode(StoredBytes.of(changed), now);
                assertThat(viaBytes).as("byte %d -> %d of %s", i, b, good).isEqualTo(viaString);
            }
        }
    }

    @Test
    @DisplayName("a codec without its own bytes path decodes the String of the bytes (the SPI default)")
    void defaultDecodesTheString() {
        List<String> seen = new ArrayList<>();
        SessionCodec plain = new SessionCodec() {
            @Override
            public String encode(Map<String, Object> data, Instant at) {
                return codec.encode(data, at);
            }

            @Override
            public Optional<Decoded> decode(String encoded, Instant at) {
                seen.add(encoded);
                return codec.decode(encoded, at);
            }

            @Override
            public SessionSerializer serializer() {
                return codec.serializer();
            }
        };
        String encoded = codec.encode(session(5), now);
        assertThat(plain.decode(bytes(encoded), now)).isEqualTo(codec.decode(encoded, now)).isPresent();
        assertThat(seen).containsExactly(encoded);
    }

    @Test
    @DisplayName("a record read as bytes has the data's String on demand (made once) and equals the record read as a String")
    void storedOfBytes() {
        String encoded = "é" + codec.encode(session(6), now);
        StoredBytes raw = bytes(encoded);
        Stored record = Stored.ofBytes("k".repeat(32), raw, now);
        assertThat(record.bytes()).isSameAs(raw);
        assertThat(record.data()).isEqualTo(encoded).isSameAs(record.data());
        assertThat(record).isEqualTo(new Stored("k".repeat(32), encoded, now)).hasSameHashCodeAs(new Stored("k".repeat(32), encoded, now));
        assertThat(record.toString()).doesNotContain(encoded.substring(5, 20)).contains(raw.length() + " bytes");
        assertThat(raw.toString()).doesNotContain(encoded.substring(5, 20));
        assertThat(new Stored("k".repeat(32), encoded, now).bytes()).isNull();
    }

    /** Past the largest pooled decoding buffer (16 KiB) even compressed. */
    private static String incompressible(int length) {
        SplittableRandom random = new SplittableRandom(length);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('!' + random.nextInt(90)));
        }
        return s.toString();
    }

    private static StoredBytes bytes(String encoded) {
        return StoredBytes.of(encoded.getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String value) {
        return new TimestampSigner("secret", List.of(), SALT).sign(value, now);
    }

    private static Map<String, Object> session(int lines) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", 100_000 + lines);
        data.put("token", "0123456789abcdef".repeat(2));
        List<Object> cart = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", "SKU-" + i);
            line.put("qty", i % 4 + 1);
            cart.add(line);
        }
        data.put("cart", cart);
        data.put("ratio", 0.5);
        return data;
    }
}
