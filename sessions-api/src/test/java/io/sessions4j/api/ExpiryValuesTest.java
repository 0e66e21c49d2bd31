package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
}
