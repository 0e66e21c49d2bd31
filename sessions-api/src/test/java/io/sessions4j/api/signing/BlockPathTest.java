package io.sessions4j.api.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.BadSignatureException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The table-driven base64 coder (four-byte stores, validity judged once per value), the ASCII byte image a String value
 * is verified and decoded through, and Base62 into a buffer: at every length around their block sizes (4 characters,
 * 3 bytes, 8-byte checks), with every kind of bad character at every position.
 */
class BlockPathTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
    private static final Base64.Encoder JDK_ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Characters the alphabet lacks: padding, standard base64, controls, Latin-1, and above U+00FF ('Ł' ends in 'A'). */
    private static final char[] FOREIGN = {'=', '+', '/', '.', ':', ' ', '\0', '\u007f', '\u0080', '\u00e9', '\u00ff',
            '\u0141', '\u0161', '\u012d', '\ud83d'};

    private final Random random = new Random(20);

    @Test
    void encodesAsTheJdkAtEveryLengthAndOffset() {
        for (int n = 0; n <= 70; n++) {
            byte[] data = bytes(n);
            String jdk = JDK_ENCODER.encodeToString(data);
            for (int offset = 0; offset <= 5; offset++) {
                for (int slack = 0; slack <= 3; slack++) { // exact-size output and room after it
                    byte[] out = new byte[offset + Base64Url.encodedLength(n) + slack];
                    int end = Base64Url.encode(data, 0, n, out, offset);
                    assertThat(new String(out, offset, end - offset, StandardCharsets.ISO_8859_1)).as("n=%d at %d", n, offset)
                            .isEqualTo(jdk);
                    assertThat(Arrays.copyOfRange(out, end, out.length)).as("nothing written after the value")
                            .isEqualTo(new byte[out.length - end]);
                }
            }
            byte[] inner = new byte[n + 4]; // a range inside a larger array
            System.arraycopy(data, 0, inner, 2, n);
            byte[] out = new byte[Base64Url.encodedLength(n)];
            Base64Url.encode(inner, 2, 2 + n, out, 0);
            assertThat(new String(out, StandardCharsets.ISO_8859_1)).isEqualTo(jdk);
        }
    }

    @Test
    void decodesBytesAsTheJdkAtEveryLengthWithExactAndRoomyOutput() {
        for (int n = 0; n <= 70; n++) {
            byte[] data = bytes(n);
            byte[] text = JDK_ENCODER.encode(data);
            for (int offset = 0; offset <= 3; offset++) {
                byte[] in = new byte[offset + text.length + 2];
                Arrays.fill(in, (byte) '!'); // outside the range: never read
                System.arraycopy(text, 0, in, offset, text.length);
                for (int slack = 0; slack <= 4; slack++) {
                    byte[] out = new byte[n + slack];
                    Arrays.fill(out, (byte) 0x5a);
                    assertThat(Base64Url.decodeInto(in, offset, offset + text.length, out)).as("n=%d", n).isEqualTo(n);
                    assertThat(Arrays.copyOf(out, n)).isEqualTo(data);
                }
            }
        }
    }

    @Test
    void unusedLowBitsOfALastGroupAreIgnoredAsByTheJdk() {
        for (String s : List.of("QR", "QRS", "AAAAQR", "AAAAQRS", "AB", "AAB")) {
            byte[] out = new byte[8];
            int n = Base64Url.decodeInto(s.getBytes(StandardCharsets.US_ASCII), 0, s.length(), out);
            assertThat(Arrays.copyOf(out, n)).isEqualTo(Base64.getUrlDecoder().decode(s));
        }
    }

    @Test
    void refusesAForeignCharacterAtEveryPositionOfEveryLength() {
        for (int n = 1; n <= 40; n++) {
            byte[] text = JDK_ENCODER.encode(bytes(n));
            for (int at = 0; at < text.length; at++) {
                for (char c : FOREIGN) {
                    byte[] bad = text.clone();
                    bad[at] = (byte) c; // as a driver's bytes: a byte outside ASCII, or the low byte of a wider char
                    if (bad[at] >= 0 && Base64Url.decodeInto(new byte[] {bad[at], 'A'}, 0, 2, new byte[1]) >= 0) {
                        continue; // the low byte is itself in the alphabet ('Ł' -> 'A'): a valid byte string
                    }
                    for (int slack : new int[] {0, 4}) {
                        assertThat(Base64Url.decodeInto(bad, 0, bad.length, new byte[Base64Url.decodedLength(bad.length) + slack]))
                                .as("n=%d, %s at %d", n, c, at).isEqualTo(-1);
                    }
                    String s = new String(text, StandardCharsets.ISO_8859_1);
                    String badString = s.substring(0, at) + c + s.substring(at + 1);
                    assertThat(Base64Url.decode(badString, 0, badString.length())).isNull();
                }
            }
        }
    }

    @Test
    void refusesALengthOfFourGroupsAndOne() {
        for (int n = 1; n <= 41; n += 4) {
            byte[] text = new byte[n];
            Arrays.fill(text, (byte) 'A');
            assertThat(Base64Url.decodeInto(text, 0, n, new byte[n])).isEqualTo(-1);
        }
    }

    @Test
    void asciiImageCopiesAsciiStringsOfEveryLengthThroughGrowthAndReuse() {
        AsciiImage image = new AsciiImage(16);
        for (int n : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 100, 64, 5, 1000, 3}) {
            String s = ascii(n);
            assertThat(image.copy(s)).as("n=%d", n).isTrue();
            assertThat(new String(image.bytes(), 0, n, StandardCharsets.US_ASCII)).isEqualTo(s);
        }
    }

    @Test
    void asciiImageRefusesAnyCharacterOutsideAsciiAtEveryPosition() {
        AsciiImage image = new AsciiImage(8);
        for (int n = 1; n <= 40; n++) {
            String s = ascii(n);
            for (int at = 0; at < n; at++) {
                for (char c : new char[] {'\u0080', '\u00e9', '\u00ff', '\u0141', '\u0100', '\ud83d', '\udc00', '\uffff'}) {
                    String bad = s.substring(0, at) + c + s.substring(at + 1);
                    assertThat(image.copy(bad)).as("n=%d, U+%04X at %d", n, (int) c, at).isFalse();
                }
            }
            assertThat(image.copy(s)).isTrue(); // usable again after a refusal
        }
    }

    @Test
    void aWideCharacterWhoseLowByteIsTheOriginalNeverVerifies() {
        SignedPayload payload = new SignedPayload("s3cr3t", List.of(), SignedPayload.SESSION_STORE_SALT);
        String signed = payload.dumps(bytes(50), false, NOW);
        for (int at = 0; at < signed.length(); at++) {
            String forged = signed.substring(0, at) + (char) (signed.charAt(at) + 0x100) + signed.substring(at + 1);
            assertThatThrownBy(() -> payload.loads(forged, null, NOW)).as("at %d", at)
                    .isExactlyInstanceOf(BadSignatureException.class)
                    .hasMessage(messageOfStringPath(payload, forged));
        }
    }

    @Test
    void valuesAroundTheImageLimitLoadAlike() {
        SignedPayload payload = new SignedPayload("s3cr3t", List.of(), SignedPayload.SESSION_STORE_SALT, 1 << 20, 1 << 30);
        for (int n = 6000; n <= 6300; n += 3) { // base64 of 6,000-6,300 bytes: on both sides of 8,192 characters
            byte[] json = bytes(n);
            String signed = payload.dumps(json, NOW);
            assertThat(payload.loads(signed, null, NOW).json()).isEqualTo(json);
            SignedPayload.PayloadReader<byte[]> copy = (b, off, len, at) -> Arrays.copyOfRange(b, off, off + len);
            byte[] read = payload.loads(signed, null, NOW, copy);
            assertThat(read).isEqualTo(json);
            String tampered = signed.substring(0, 10) + (signed.charAt(10) == 'A' ? 'B' : 'A') + signed.substring(11);
            assertThatThrownBy(() -> payload.loads(tampered, null, NOW)).isExactlyInstanceOf(BadSignatureException.class)
                    .hasMessageContaining("does not match");
        }
    }

    @Test
    void base62IntoBytesWritesWhatTheStringFormWrites() {
        for (long v : new long[] {0, 1, -1, 61, 62, -62, 3843, 3844, 1_800_000_000L, -1_800_000_000L,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
            String expected = Base62.encode(v);
            assertThat(Base62.encodedLength(v)).isEqualTo(expected.length());
            byte[] out = new byte[3 + expected.length() + 2];
            assertThat(Base62.encode(v, out, 3)).isEqualTo(3 + expected.length());
            assertThat(new String(out, 3, expected.length(), StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    private static String messageOfStringPath(SignedPayload payload, String signed) {
        try {
            payload.decode(payload.verify(signed, null, NOW));
        } catch (BadSignatureException e) {
            return e.getMessage();
        }
        throw new AssertionError("the String path accepted " + signed);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String ascii(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) (32 + random.nextInt(95)));
        }
        return s.toString();
    }
}
