package io.sessions4j.api;

import io.sessions4j.spi.SignedJsonCodec;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.signing.SignedPayload;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * CONFORMANCE D2 for the JSON layer, as properties (issue 15, fuzzing): whatever bytes reach the session JSON decoder —
 * garbage, near-JSON, deep nesting, extreme numbers, even signed with our own secret — the result is a session map or
 * the documented {@link IllegalArgumentException}; the codec turns the latter into an empty session and never throws.
 * And a map that decodes reads the same again after we write it: nothing changes on the next request.
 */
class JsonDecodePropertyTest {
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", " ", "\"a\"", "\"\"", "\"\\ud83d\\ude00\"",
            "\"\\ud800\"", "\"\\u0000\"", "\"\\x\"", "\"\\", "\"unterminated", "1", "-0", "-0.0", "0.1", "1.5e308", "1e400", "-1e-400",
            "1e999999999", "1e-2147483649", "123456789012345678901234567890", "12345678901234567.89", "NaN", "Infinity",
            "-Infinity", "nan", "+1", "01", "1.", ".5", "true", "false", "null", "tru", "\"@type\"", "\"@value\"",
            "\"_session_expiry\"", "\"_session_created\"", "{\"a\":", "[[[[", "]]]]", "}}}}", "/*", "//", "\t", "\u00ff", "\uffff");

    private final JsonSessionSerializer json = new JsonSessionSerializer();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T07:00:00Z"), ZoneOffset.UTC);
    private final SignedPayload payload = new SignedPayload("fuzz-secret", List.of(), SignedPayload.SESSION_STORE_SALT, 1 << 20);
    private final SignedJsonCodec codec = new SignedJsonCodec(json, payload);

    @Provide
    Arbitrary<byte[]> nearJson() {
        Arbitrary<String> tokens = Arbitraries.of(TOKENS).list().ofMaxSize(40).map(t -> String.join("", t));
        Arbitrary<String> deep = Arbitraries.integers().between(1, 5000).flatMap(n -> Arbitraries.of(
                "[".repeat(n), "{\"a\":".repeat(n) + "1" + "}".repeat(n), "[".repeat(n) + "]".repeat(n)));
        Arbitrary<String> object = Arbitraries.of(TOKENS).list().ofMaxSize(12).map(t -> "{\"k\":" + String.join("", t) + "}");
        return Arbitraries.oneOf(tokens, deep, object).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void d2_anyBytesGiveAMapOrIllegalArgument(@ForAll byte[] bytes) {
        decodesToAMapOrIllegalArgument(bytes);
    }

    @Property(tries = 1000)
    void d2_nearJsonGivesAMapOrIllegalArgument(@ForAll("nearJson") byte[] bytes) {
        decodesToAMapOrIllegalArgument(bytes);
    }

    @Property(tries = 500)
    void d2_signedNearJsonIsAMapOrEmptyNeverAnException(@ForAll("nearJson") byte[] bytes) {
        String stored = payload.dumps(bytes, clock.instant());
        assertThat(codec.decode(stored, clock.instant())).isNotNull(); // the data, or empty: never an exception
    }

    @Property(tries = 1000)
    void d2_anyStoredStringDecodesWithoutThrowing(@ForAll String stored) {
        // decodeQuietly: the same parse as decode() without its security log line per try.
        assertThat(codec.decodeQuietly(stored, clock.instant())).isEmpty();
    }

    @Example
    void a16_foreignNumbersReadExactlyAndStay() {
        Map<String, Object> read = json.deserialize(("{\"money\":12345678901234567.89,\"huge\":1e999999999,\"nan\":NaN,"
                + "\"ninf\":-Infinity,\"negzero\":-0.0,\"price\":94.97,\"python\":1e+16,\"big\":123456789012345678901234567890}")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(read.get("money")).isEqualTo(new java.math.BigDecimal("12345678901234567.89"));
        assertThat(read.get("huge")).isEqualTo(new java.math.BigDecimal("1e999999999"));
        assertThat(read.get("nan")).isEqualTo(Double.NaN);
        assertThat(read.get("ninf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(read.get("negzero")).isEqualTo(-0.0);
        assertThat(read.get("price")).isEqualTo(94.97);
        assertThat(read.get("python")).isEqualTo(1e16);
        assertThat(read.get("big")).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        assertThat(new String(json.serialize(read), StandardCharsets.US_ASCII)).isEqualTo("{\"money\":12345678901234567.89,"
                + "\"huge\":1E+999999999,\"nan\":NaN,\"ninf\":-Infinity,\"negzero\":-0.0,\"price\":94.97,\"python\":1.0E16,"
                + "\"big\":123456789012345678901234567890}");
        decodesToAMapOrIllegalArgument(json.serialize(read));
    }

    /** A record whose untyped field Jackson's object layer fills through the serializer's deserializer. */
    record Holder(Object value) {
    }

    @Example
    void a16_convertReadsExactlyThroughTheSameReading() {
        Map<String, Object> nested = new java.util.LinkedHashMap<>();
        nested.put("money", new java.math.BigDecimal("12345678901234567.89"));
        nested.put("nan", Double.NaN);
        nested.put("list", List.of(1, 2147483648L, -0.0, new java.math.BigInteger("123456789012345678901234567890")));
        nested.put("empty", Map.of());
        Object converted = json.convert(nested, Object.class);
        assertThat(converted).isEqualTo(nested);
        Holder holder = json.convert(Map.of("value", nested), Holder.class);
        assertThat(holder.value()).isEqualTo(nested);
        assertThat(((Map<?, ?>) holder.value()).get("money")).isInstanceOf(java.math.BigDecimal.class);
    }

    private void decodesToAMapOrIllegalArgument(byte[] bytes) {
        Map<String, Object> first;
        try {
            first = json.deserialize(bytes);
        } catch (IllegalArgumentException documented) {
            return;
        }
        // Whatever decoded is stable: written and read again, it is the same session.
        assertThat(json.deserialize(json.serialize(first))).isEqualTo(first);
    }
}
