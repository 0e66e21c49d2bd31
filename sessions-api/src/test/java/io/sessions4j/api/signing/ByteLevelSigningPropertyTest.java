package io.sessions4j.api.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.BadSignatureException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The byte-level signing path (one buffer per signed value, {@link Base64Url}, pooled Macs) against the String
 * path it replaced: the same signed strings, the same verdicts.
 */
class ByteLevelSigningPropertyTest {
    private final SignedPayload payload = new SignedPayload("s3cr3t", List.of("old"), SignedPayload.SESSION_STORE_SALT);
    private final TimestampSigner signer = new TimestampSigner("s3cr3t", List.of("old"), SignedPayload.SESSION_STORE_SALT);

    @Property(tries = 500)
    void base64UrlEncodesAsTheJdkAtAnyOffset(@ForAll @Size(max = 200) byte[] data, @ForAll @IntRange(max = 5) int offset) {
        String jdk = Base64.getUrlEncoder().withoutPadding().encodeToString(data);
        byte[] out = new byte[offset + Base64Url.encodedLength(data.length)];
        int end = Base64Url.encode(data, 0, data.length, out, offset);
        assertThat(end).isEqualTo(out.length);
        assertThat(new String(out, offset, end - offset, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo(jdk);
    }

    @Property(tries = 1000)
    void base64UrlDecodesAsTheJdkOrDefersToIt(@ForAll("base64ish") String s) {
        byte[] ours = Base64Url.decode("x" + s + "y", 1, s.length() + 1);
        byte[] jdk;
        try {
            jdk = Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            assertThat(ours).isNull(); // what the JDK refuses, we never accept
            return;
        }
        if (ours != null) {
            assertThat(ours).isEqualTo(jdk);
        } else {
            assertThat(s).matches(".*[^A-Za-z0-9_-].*"); // deferred only for padding or foreign characters
        }
    }

    @Provide
    Arbitrary<String> base64ish() {
        return Arbitraries.strings().withChars("ABCXYZabcxyz0189-_").withChars('=', '+', '/', '\u00e9', '\u0141')
                .ofMaxLength(40);
    }

    @Property(tries = 300)
    void dumpsSignsWhatTheStringSignerSigns(@ForAll @Size(max = 300) byte[] json, @ForAll boolean compress,
                                            @ForAll @IntRange(min = -100_000, max = 2_000_000_000) int seconds) {
        Instant now = Instant.ofEpochSecond(seconds);
        String signed = payload.dumps(json, compress, now);
        String value = signed.substring(0, signed.lastIndexOf(':'));
        String timestamped = value.substring(0, value.lastIndexOf(':'));
        assertThat(signed).isEqualTo(signer.sign(timestamped, now));
        SignedPayload.Loaded loaded = payload.loads(signed, null, now);
        assertThat(loaded.json()).isEqualTo(json);
        assertThat(loaded.timestamp()).isEqualTo(Instant.ofEpochSecond(seconds));
    }

    @Property(tries = 300)
    void loadsAgreesWithVerifyThenDecode(@ForAll @Size(max = 120) byte[] json, @ForAll @IntRange(max = 200) int cut,
                                         @ForAll char replacement) {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        String signed = payload.dumps(json, true, now);
        // Tampered: one character replaced (any char, also non-ASCII), or the value truncated.
        int at = Math.min(cut, signed.length() - 1);
        String tampered = cut % 2 == 0 ? signed.substring(0, at) + replacement + signed.substring(at + 1) : signed.substring(0, at);
        byte[] viaStrings;
        try {
            viaStrings = payload.decode(payload.verify(tampered, null, now)).json();
        } catch (BadSignatureException e) {
            assertThatThrownBy(() -> payload.loads(tampered, null, now)).isInstanceOf(BadSignatureException.class)
                    .hasMessage(e.getMessage());
            return;
        }
        assertThat(Arrays.equals(payload.loads(tampered, null, now).json(), viaStrings)).isTrue();
    }

    @Property(tries = 100)
    void aFallbackSecretStillVerifies(@ForAll @Size(max = 100) byte[] json) {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        String old = new SignedPayload("old", List.of(), SignedPayload.SESSION_STORE_SALT).dumps(json, false, now);
        assertThat(payload.loads(old, null, now).json()).isEqualTo(json);
    }
}
