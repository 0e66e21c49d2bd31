package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.http.SessionCookie;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExpiryValuesTest {

    @Test
    @DisplayName("C3 ISO dates are written as Python's isoformat() writes an aware UTC datetime")
    void isoFormatLikePython() {
        assertThat(ExpiryValues.isoFormat(Instant.parse("2026-11-21T22:03:31Z"))).isEqualTo("2026-11-21T22:03:31+00:00");
        assertThat(ExpiryValues.isoFormat(Instant.parse("2026-11-21T22:03:31.123456789Z")))
                .isEqualTo("2026-11-21T22:03:31.123456+00:00");
        assertThat(ExpiryValues.isoFormat(Instant.parse("2026-01-02T03:04:05.000001Z")))
                .isEqualTo("2026-01-02T03:04:05.000001+00:00");
    }

    @Test
    @DisplayName("C3 Django's date forms parse: offset, Z, naive (USE_TZ=False, taken as UTC)")
    void parsesDjangoForms() {
        Instant t = Instant.parse("2026-11-21T22:03:31.123456Z");
        assertThat(ExpiryValues.parse("2026-11-21T22:03:31.123456+00:00")).isEqualTo(t);
        assertThat(ExpiryValues.parse("2026-11-21T23:03:31.123456+01:00")).isEqualTo(t);
        assertThat(ExpiryValues.parse("2026-11-21T22:03:31.123456")).isEqualTo(t);
        assertThat(ExpiryValues.parse("next tuesday")).isNull();
    }

    private static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");
    private static final int COOKIE_AGE = 1209600;

    @Test
    @DisplayName("C9 setExpiry values outside 1970..9999 are refused with a clear message; 0 and ordinary values pass")
    void outOfRangeIsRefused() {
        for (long seconds : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, (long) 1e17, 10_000_000_000_000L, 315_360_000_000L,
                -NOW.getEpochSecond() - 1}) {
            assertThatThrownBy(() -> ExpiryValues.checkedSeconds(seconds, NOW)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("out of range").hasMessageContaining("9999-12-31T23:59:59Z");
        }
        assertThat(ExpiryValues.checkedSeconds(0, NOW)).isZero();
        assertThat(ExpiryValues.checkedSeconds(-60, NOW)).isEqualTo(-60);
        assertThat(ExpiryValues.checkedSeconds(ExpiryValues.LATEST.getEpochSecond() - NOW.getEpochSecond(), NOW)).isPositive();
        assertThatThrownBy(() -> ExpiryValues.checkedDate(Instant.parse("+12345-01-01T00:00:00Z"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExpiryValues.checkedDate(Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExpiryValues.dateAfter(NOW, Duration.ofSeconds(Long.MAX_VALUE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExpiryValues.dateAfter(NOW, Duration.ofSeconds(Long.MIN_VALUE))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ExpiryValues.dateAfter(NOW, Duration.ofDays(1))).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    @DisplayName("C9 stored expiries out of range are clamped into 1970..9999; unreadable ones mean the cookie age; never a throw")
    void storedValuesAreClamped() {
        for (Object farFuture : List.<Object>of(Long.MAX_VALUE, 1e17, 10_000_000_000_000L, new BigDecimal("1e400"),
                Double.POSITIVE_INFINITY, new BigInteger("9".repeat(40)), "+12345-01-01T00:00:00+00:00")) {
            assertThat(ExpiryValues.date(NOW, farFuture, COOKIE_AGE)).as("%s", farFuture).isEqualTo(ExpiryValues.LATEST);
            assertThat(ExpiryValues.age(NOW, farFuture, COOKIE_AGE)).as("%s", farFuture)
                    .isEqualTo(Duration.between(NOW, ExpiryValues.LATEST).getSeconds());
        }
        for (Object farPast : List.<Object>of(Long.MIN_VALUE, -1e17, Double.NEGATIVE_INFINITY, "-5000-01-01T00:00:00+00:00")) {
            assertThat(ExpiryValues.date(NOW, farPast, COOKIE_AGE)).as("%s", farPast).isEqualTo(ExpiryValues.EARLIEST);
            assertThat(ExpiryValues.age(NOW, farPast, COOKIE_AGE)).as("%s", farPast).isEqualTo(-NOW.getEpochSecond());
        }
        for (Object unreadable : List.<Object>of(Double.NaN, "next tuesday", true)) {
            assertThat(ExpiryValues.date(NOW, unreadable, COOKIE_AGE)).isEqualTo(NOW.plusSeconds(COOKIE_AGE));
            assertThat(ExpiryValues.age(NOW, unreadable, COOKIE_AGE)).isEqualTo(COOKIE_AGE);
        }
        assertThat(ExpiryValues.age(NOW, 2.5, COOKIE_AGE)).isEqualTo(2);
        assertThat(ExpiryValues.age(NOW, -0.5, COOKIE_AGE)).isEqualTo(-1);
    }

    @Test
    @DisplayName("C9 the latest expiry still makes an RFC 6265 cookie date (4-digit year)")
    void latestExpiryIsACookieDate() {
        assertThat(SessionCookie.httpDate(ExpiryValues.LATEST)).isEqualTo("Fri, 31 Dec 9999 23:59:59 GMT");
    }
}
