package io.sessions4j.api.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sessions4j.api.BadSignatureException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** {@link Signer} behaviour; D7 (signature comparison). */
class SignerTest {
    private final Signer signer = new Signer("secret", List.of(), "salt");
    private final String signed = signer.sign("value");
    private final String sig = signed.substring("value:".length());

    @Test
    void signatureIs43UrlSafeCharacters() {
        assertThat(sig).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void d7_alteredSignaturesAreRejected() {
        List<String> forged = List.of(
                "value:" + flip(sig, sig.length() - 1), // last char
                "value:" + flip(sig, 0),                // first char
                "value:" + sig.substring(0, 42),       // too short
                "value:" + sig + "A",                   // too long
                "value:" + sig + "=",                   // padding is not ignored
                "value:",                               // empty
                "valuE:" + sig,                         // value changed
                "value:" + sig.replace(sig.charAt(5), 'é')); // non-ASCII
        for (String f : forged) {
            assertThatThrownBy(() -> signer.unsign(f)).as(f)
                    .isExactlyInstanceOf(BadSignatureException.class)
                    .hasMessage("Signature does not match"); // names no part of the value: it is logged
        }
        assertThat(signer.unsign(signed)).isEqualTo("value");
    }

    /**
     * D7: timing cannot be measured reliably in a unit test, so check that the comparison is the JDK's
     * constant-time {@code MessageDigest.isEqual} (not equals/Arrays.equals, which return early).
     */
    @Test
    void d7_comparisonUsesMessageDigestIsEqual() throws IOException {
        Path source = Path.of("src/main/java/io/sessions4j/api/signing/Signer.java");
        assumeThat(Files.exists(source)).as("run from the module directory").isTrue();
        String code = Files.readString(source);

        assertThat(code).contains("MessageDigest.isEqual(").doesNotContain("Arrays.equals(");
    }

    @Test
    void noSeparator() {
        assertThatThrownBy(() -> signer.unsign("abcdef"))
                .isExactlyInstanceOf(BadSignatureException.class)
                .hasMessage("No \":\" found in value");
    }

    @Test
    void valueMayContainTheSeparator() {
        assertThat(signer.unsign(signer.sign("a:b:c:"))).isEqualTo("a:b:c:");
        assertThat(signer.unsign(signer.sign(""))).isEmpty();
    }

    @Test
    void emptySaltMeansDjangosDefaultSalt() {
        String viaDefault = new Signer("k", null, Signer.DEFAULT_SALT).sign("v");
        assertThat(new Signer("k", null, "").sign("v")).isEqualTo(viaDefault);
        assertThat(new Signer("k", null, null).sign("v")).isEqualTo(viaDefault);
    }

    @Test
    void emptySecretIsAConfigurationError() {
        assertThatThrownBy(() -> new Signer("", null, "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Signer(null, null, "s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threadSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        String v = id + "-" + i;
                        if (!signer.unsign(signer.sign(v)).equals(v)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String flip(String s, int i) {
        char c = s.charAt(i);
        return s.substring(0, i) + (c == 'A' ? 'B' : 'A') + s.substring(i + 1);
    }
}
