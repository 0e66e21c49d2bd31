package io.sessions4j.engine.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the compare-and-set script compares (issue #20): a signed value's trailing signature, any other value whole. */
class RedisVersionTest {
    static final String SIGNATURE = "QOi7RcgKf1q0Xwdwm5t8EqKaWTOrx4EhPa_4c_1twb8";
    static final String SIGNED = "eyJhIjoxfQ:1xXxRX:" + SIGNATURE;

    @Test
    @DisplayName("E3 a value in Django's signed form is compared by its length and its ':' + 43-character signature")
    void signedValueComparedBySignature() {
        assertThat(SIGNATURE).hasSize(RedisSessionCache.SIGNATURE_CHARS);
        assertThat(version(SIGNED)).isEqualTo(":" + SIGNATURE);
        assertThat(version("." + SIGNED)).isEqualTo(":" + SIGNATURE); // compressed
        assertThat(RedisSessionCache.utf8Length(SIGNED)).isEqualTo(SIGNED.length());
    }

    @Test
    @DisplayName("E3 a signed value with non-ASCII text before its signature is compared by its length in bytes and its signature")
    void nonAsciiSignedValueComparedBySignatureAndByteLength() {
        assertThat(version("é" + SIGNED)).isEqualTo(":" + SIGNATURE);
        assertThat(RedisSessionCache.utf8Length("é" + SIGNED)).isEqualTo(SIGNED.length() + 2);
    }

    @Test
    @DisplayName("E3 any other value is compared whole: short, unsigned, a shorter or non-base64 tail")
    void otherValuesComparedWhole() {
        for (String value : new String[] {"", "v1", "someone else's", ":" + SIGNATURE.substring(1),
                "x:" + SIGNATURE.substring(1) + "+", "x;" + SIGNATURE, "x:" + SIGNATURE + "=", "é:" + SIGNATURE.substring(1) + "é"}) {
            assertThat(RedisSessionCache.versionStart(value)).as(value).isZero();
            assertThat(version(value)).as(value).isEqualTo(value);
        }
        assertThat(RedisSessionCache.utf8Length("\uD83D\uDE00")).isEqualTo(4);
    }

    /** The version as the script receives it: the bytes from {@link RedisSessionCache#versionStart}, as text. */
    private static String version(String value) {
        return new String(RedisSessionCache.versionBytes(value, RedisSessionCache.versionStart(value)),
                StandardCharsets.UTF_8);
    }
}
