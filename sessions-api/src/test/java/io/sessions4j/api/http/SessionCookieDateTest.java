package io.sessions4j.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** {@link SessionCookie#httpDate} formats by hand what the RFC 1123 formatter wrote. */
class SessionCookieDateTest {
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    @Property(tries = 2000)
    void sameAsTheFormatter(@ForAll @LongRange(min = -62_000_000_000L, max = 400_000_000_000L) long seconds,
                            @ForAll @LongRange(max = 999_999_999) long nanos) {
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        assertThat(SessionCookie.httpDate(instant)).isEqualTo(RFC_1123.format(instant));
    }

    @Example
    void djangoExample() {
        assertThat(SessionCookie.httpDate(Instant.parse("2026-12-05T22:03:31.900Z"))).isEqualTo("Sat, 05 Dec 2026 22:03:31 GMT");
        assertThat(SessionCookie.httpDate(Instant.EPOCH)).isEqualTo(SessionCookie.EPOCH);
    }
}
