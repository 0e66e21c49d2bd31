package io.sessions4j.api.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.BadSignatureException;
import io.sessions4j.api.SignatureExpiredException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link TimestampSigner} and {@link Base62}. */
class TimestampSignerTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_487_223L);
    private final TimestampSigner signer = new TimestampSigner("secret", List.of(), "salt");

    @Test
    void maxAge() {
        String signed = signer.sign("v", NOW.minusSeconds(10));

        assertThatThrownBy(() -> signer.unsign(signed, Duration.ofSeconds(5), NOW))
                .isExactlyInstanceOf(SignatureExpiredException.class)
                .hasMessage("Signature age 10 > 5 seconds");
        assertThat(signer.unsign(signed, Duration.ofSeconds(20), NOW).value()).isEqualTo("v");
        assertThat(signer.unsign(signed, Duration.ofSeconds(10), NOW).value()).as("age == maxAge is fine").isEqualTo("v");
        assertThat(signer.unsign(signed, null, NOW.plusSeconds(100_000_000)).value()).isEqualTo("v");
        assertThatThrownBy(() -> signer.unsign(signed, Duration.ofMillis(9_500), NOW.plusMillis(1)))
                .hasMessage("Signature age 10.001 > 9.5 seconds");
    }

    @Test
    void format() {
        String signed = signer.sign("a:b", NOW.plusMillis(999));

        assertThat(signed).startsWith("a:b:1r54PH:");
        TimestampSigner.Unsigned u = signer.unsign(signed, null, NOW);
        assertThat(u).isEqualTo(new TimestampSigner.Unsigned("a:b", NOW));
        // A plain Signer with the same salt verifies it too: the timestamp is part of the signed value.
        assertThat(new Signer("secret", null, "salt").unsign(signed)).isEqualTo("a:b:1r54PH");
    }

    @Test
    void badTimestampUnderAValidSignatureIsABadSignature() {
        Signer raw = new Signer("secret", null, "salt");
        for (String inner : List.of("no-timestamp", "v:", "v:!!", "v:zzzzzzzzzzzzzzzz")) {
            assertThatThrownBy(() -> signer.unsign(raw.sign(inner), null, NOW)).as(inner)
                    .isExactlyInstanceOf(BadSignatureException.class);
        }
    }

    @Test
    void base62LikeDjango() {
        assertThat(Base62.encode(1_700_487_223L)).isEqualTo("1r54PH");
        assertThat(Base62.encode(0)).isEqualTo("0");
        assertThat(Base62.encode(1)).isEqualTo("1");
        assertThat(Base62.encode(61)).isEqualTo("z");
        assertThat(Base62.encode(62)).isEqualTo("10");
        assertThat(Base62.encode(-62)).isEqualTo("-10");
        assertThat(Base62.encode(-1_700_487_223L)).isEqualTo("-1r54PH");
        assertThat(Base62.encode(Long.MAX_VALUE)).isEqualTo("AzL8n0Y58m7");
        for (long n : new long[] {0, 1, 61, 62, 63, -1, -61, -62, 3843, 3844, 1_700_487_223L,
                Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
            assertThat(Base62.decode(Base62.encode(n))).as("%d", n).isEqualTo(n);
        }
        // Django's decoder quirks: leading zeros are accepted, a lone "-" is 0.
        assertThat(Base62.decode("001r54PH")).isEqualTo(1_700_487_223L);
        assertThat(Base62.decode("-")).isZero();
        for (String bad : List.of("", "--1", "1!", "AzL8n0Y58m8", "zzzzzzzzzzzz")) {
            assertThatThrownBy(() -> Base62.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
