package io.sessions4j.api.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sessions4j.api.BadSignatureException;
import io.sessions4j.api.SignatureExpiredException;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** D1 (round trip) and D6 (bounded decompression) for {@link SignedPayload}. */
class SignedPayloadTest {
    private static final String SECRET = "test-secret-not-for-production";
    private static final String SALT = SignedPayload.SESSION_STORE_SALT;
    private static final Instant NOW = Instant.ofEpochSecond(1_700_487_223L);

    private final SignedPayload payload = new SignedPayload(SECRET, List.of(), SALT);

    @Test
    void d1_roundTripCompressiblePayload() {
        byte[] json = ("{\"cart\":[" + "{\"sku\":\"abcdef\",\"qty\":1},".repeat(50) + "{}]}")
                .getBytes(StandardCharsets.US_ASCII);

        String compressed = payload.dumps(json, true, NOW);
        String plain = payload.dumps(json, false, NOW);

        assertThat(compressed).startsWith(".").hasSizeLessThan(plain.length());
        assertThat(plain).doesNotStartWith(".");
        assertThat(payload.loads(compressed, null, NOW).json()).isEqualTo(json);
        assertThat(payload.loads(plain, null, NOW).json()).isEqualTo(json);
        assertThat(payload.loads(compressed, null, NOW).timestamp()).isEqualTo(NOW);
    }

    /** Short or high-entropy data does not shrink by 2 bytes, so Django (and we) keep it as is. */
    @Test
    @DisplayName("data longer than the inflation bound is stored plain: compressed, no reader would ever read it")
    void d1_neverCompressedBeyondWhatLoadsInflates() {
        SignedPayload bounded = new SignedPayload(SECRET, List.of(), SALT, 1000);
        byte[] fits = ("\"" + "a".repeat(998) + "\"").getBytes(StandardCharsets.US_ASCII);
        byte[] over = ("\"" + "a".repeat(999) + "\"").getBytes(StandardCharsets.US_ASCII);
        assertThat(bounded.dumps(fits, true, NOW)).startsWith(".");
        String plain = bounded.dumps(over, true, NOW);
        assertThat(plain).doesNotStartWith(".");
        assertThat(bounded.loads(plain, null, NOW).json()).isEqualTo(over);
    }

    @Test
    void d1_roundTripIncompressiblePayloadIsNotMarkedCompressed() {
        byte[] random = new byte[30];
        new Random(42).nextBytes(random);
        List<String> incompressible = List.of(
                "\"just a string\"",
                "\"" + Base64.getEncoder().encodeToString(random) + "\"");
        for (String s : incompressible) {
            byte[] json = s.getBytes(StandardCharsets.US_ASCII);

            String signed = payload.dumps(json, true, NOW);

            assertThat(signed).as(s).doesNotStartWith(".").isEqualTo(payload.dumps(json, false, NOW));
            assertThat(payload.loads(signed, null, NOW).json()).isEqualTo(json);
        }
    }

    @Test
    void d1_roundTripTinyAndEmptyPayloads() {
        for (String s : List.of("", "1", "{}", "\"x\"", "null")) {
            byte[] json = s.getBytes(StandardCharsets.US_ASCII);
            for (boolean compress : new boolean[] {true, false}) {
                assertThat(payload.loads(payload.dumps(json, compress, NOW), null, NOW).json()).isEqualTo(json);
            }
        }
    }

    /**
     * The uncompressed payload goes through the JDK's encoder (a whole array at offset 0), the compressed one (after
     * its '.') through {@link Base64Url}'s own loop: both must give the same text for every length modulo 3, and read
     * back.
     */
    @Test
    void d1_bothBase64EncodersAgreeAtEveryLength() {
        Random random = new Random(7);
        for (int n = 0; n <= 64; n++) {
            byte[] json = new byte[n];
            for (int i = 0; i < n; i++) {
                json[i] = (byte) (0x20 + random.nextInt(0x5f));
            }
            String signed = payload.dumps(json, false, NOW);
            byte[] handWritten = new byte[1 + Base64Url.encodedLength(n)];
            Base64Url.encode(json, 0, n, handWritten, 1); // at offset 1: the loop, not the JDK
            assertThat(signed.substring(0, signed.indexOf(':'))).as("length %d", n)
                    .isEqualTo(new String(handWritten, 1, handWritten.length - 1, StandardCharsets.US_ASCII));
            assertThat(payload.loads(signed, null, NOW).json()).isEqualTo(json);
        }
    }

    @Test
    void d1_maxAge() {
        String signed = payload.dumps("{}".getBytes(StandardCharsets.US_ASCII), true, NOW.minusSeconds(10));

        assertThatThrownBy(() -> payload.loads(signed, Duration.ofSeconds(5), NOW))
                .isInstanceOf(SignatureExpiredException.class);
        assertThat(payload.loads(signed, Duration.ofSeconds(20), NOW).json()).isEqualTo("{}".getBytes());
    }

    @Test
    void d6_zlibBombIsRejectedWithoutInflatingIt() {
        byte[] bomb = zlib(new byte[20 << 20]); // 20 MiB of zeros -> about 20 KiB
        String signed = signRaw(SECRET, SALT, "." + b64(bomb));
        // Warm up so that class loading does not count as allocation below.
        assertThatThrownBy(() -> payload.loads(signed, null, NOW)).isInstanceOf(BadSignatureException.class);

        long before = allocatedBytes();
        assertThatThrownBy(() -> payload.loads(signed, null, NOW))
                .isExactlyInstanceOf(BadSignatureException.class)
                .hasMessage("Decompressed payload exceeds 1048576 bytes");
        long allocated = allocatedBytes() - before;

        // Never the 20 MiB: about the 1 MiB limit (plus buffer growth), far from the bomb's size.
        if (allocated >= 0) {
            assertThat(allocated).isLessThan(6L << 20);
        }
    }

    @Test
    void d6_payloadAtTheLimitLoadsAndOneByteMoreDoesNot() {
        int limit = SignedPayload.DEFAULT_MAX_DECOMPRESSED_BYTES;
        byte[] atLimit = new byte[limit];
        Arrays.fill(atLimit, (byte) 'x');
        byte[] overLimit = Arrays.copyOf(atLimit, limit + 1);
        overLimit[limit] = 'x';

        String ok = payload.dumps(atLimit, true, NOW);
        // This payload never compresses beyond its own bound; a writer with a larger one (or a zlib bomb) does.
        String tooBig = new SignedPayload(SECRET, List.of(), SALT, limit + 1).dumps(overLimit, true, NOW);

        assertThat(ok).startsWith(".");
        assertThat(tooBig).startsWith(".");
        assertThat(payload.dumps(overLimit, true, NOW)).doesNotStartWith(".");
        assertThat(payload.loads(ok, null, NOW).json()).isEqualTo(atLimit);
        assertThatThrownBy(() -> payload.loads(tooBig, null, NOW))
                .isExactlyInstanceOf(BadSignatureException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void readerSeesExactlyEachPayloadThoughItsBufferIsReused() {
        byte[] longJson = ("{\"a\":\"" + "x".repeat(700) + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] shortJson = "{\"b\":1}".getBytes(StandardCharsets.US_ASCII);
        byte[] compressible = ("[" + "1,".repeat(500) + "1]").getBytes(StandardCharsets.US_ASCII);
        SignedPayload.PayloadReader<byte[]> copy = (bytes, offset, length, signedAt) -> {
            assertThat(signedAt).isEqualTo(NOW);
            return Arrays.copyOfRange(bytes, offset, offset + length);
        };
        for (int round = 0; round < 3; round++) { // the second round reads from the buffers the first gave back
            assertThat(payload.loads(payload.dumps(longJson, false, NOW), null, NOW, copy)).isEqualTo(longJson);
            assertThat(payload.loads(payload.dumps(shortJson, false, NOW), null, NOW, copy)).isEqualTo(shortJson);
            assertThat(payload.dumps(compressible, true, NOW)).startsWith(".");
            assertThat(payload.loads(payload.dumps(compressible, true, NOW), null, NOW, copy)).isEqualTo(compressible);
            assertThat(payload.loads(payload.dumps(new byte[0], false, NOW), null, NOW, copy)).isEmpty();
        }
        assertThatThrownBy(() -> payload.loads(payload.dumps(shortJson, false, NOW) + "x", null, NOW, copy))
                .isInstanceOf(BadSignatureException.class);
    }

    @Test
    void d6_configurableLimit() {
        SignedPayload small = new SignedPayload(SECRET, List.of(), SALT, 100);
        byte[] json100 = ("\"" + "a".repeat(98) + "\"").getBytes(StandardCharsets.US_ASCII);
        byte[] json101 = ("\"" + "a".repeat(99) + "\"").getBytes(StandardCharsets.US_ASCII);

        assertThat(small.loads(small.dumps(json100, true, NOW), null, NOW).json()).isEqualTo(json100);
        String compressed101 = new SignedPayload(SECRET, List.of(), SALT, 101).dumps(json101, true, NOW);
        assertThat(compressed101).startsWith(".");
        assertThatThrownBy(() -> small.loads(compressed101, null, NOW))
                .hasMessage("Decompressed payload exceeds 100 bytes");
        // Uncompressed payloads are bounded by their own length, not by the limit.
        assertThat(small.loads(small.dumps(json101, false, NOW), null, NOW).json()).isEqualTo(json101);
        assertThatThrownBy(() -> new SignedPayload(SECRET, List.of(), SALT, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validlySignedGarbageIsABadSignature() {
        byte[] z = zlib("{\"a\":1}".getBytes(StandardCharsets.US_ASCII));
        List<String> contents = List.of(
                "not*base64",                          // outside the alphabet
                "abcde",                               // impossible base64 length
                ".bm90IHpsaWI",                        // "not zlib"
                "." + b64(Arrays.copyOf(z, z.length - 3)), // truncated zlib stream
                "." + b64(new byte[] {0x78, (byte) 0xBB, 0, 0, 0, 1})); // preset dictionary
        for (String content : contents) {
            String signed = signRaw(SECRET, SALT, content);
            assertThatThrownBy(() -> payload.loads(signed, null, NOW))
                    .as(content)
                    .isExactlyInstanceOf(BadSignatureException.class);
        }
    }

    @Test
    void trailingBytesAfterTheZlibStreamAreIgnoredLikePython() {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.US_ASCII);
        byte[] z = zlib(json);
        byte[] withTrailer = Arrays.copyOf(z, z.length + 3);

        assertThat(payload.loads(signRaw(SECRET, SALT, "." + b64(withTrailer)), null, NOW).json()).isEqualTo(json);
    }

    @Test
    void saltsSeparateUses() {
        String signed = payload.dumps("{}".getBytes(), true, NOW);

        assertThatThrownBy(() -> new SignedPayload(SECRET, List.of(), SignedPayload.SIGNED_COOKIES_SALT)
                .loads(signed, null, NOW)).isExactlyInstanceOf(BadSignatureException.class);
        assertThat(new SignedPayload(SECRET, null, null).dumps("{}".getBytes(), false, NOW))
                .isEqualTo(new SignedPayload(SECRET, null, SignedPayload.DEFAULT_SALT).dumps("{}".getBytes(), false, NOW));
    }

    private static String signRaw(String secret, String salt, String content) {
        return new TimestampSigner(secret, List.of(), salt).sign(content, NOW);
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 64];
        int n = 0;
        while (!deflater.finished()) {
            n += deflater.deflate(out, n, out.length - n);
        }
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    /** Bytes allocated by this thread so far (HotSpot); the test is skipped where unsupported. */
    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        assumeThat(hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled()).isTrue();
        return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
