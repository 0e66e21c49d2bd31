package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * G7 expiry: the signature's timestamp is the last modification; a cookie is invalid once the expiry
 * computed from it has passed ({@code expiry <= now}), honouring {@code _session_expiry} — unlike
 * Django, which only checks the cookie age (tickets #19201, #27775).
 */
class SignedCookieExpiryTest {
    private static final int AGE = 3600;

    private final MutableClock clock = MutableClock.startingNow();
    private final Instant signedAt = clock.instant();
    private final StorageSessionEngine engine = Engines.engine(clock, "sessions.cookie.age", Integer.toString(AGE));

    @Test
    @DisplayName("G7 without its own expiry, a cookie is valid for the cookie age after signing")
    void g7_cookieAge() {
        String cookie = cookie(s -> { });
        assertValidUntil(cookie, signedAt.plusSeconds(AGE));
    }

    @Test
    @DisplayName("G7 setExpiry(0) (browser close) keeps the cookie age as the server-side limit")
    void g7_browserClose() {
        String cookie = cookie(s -> s.setExpiry(0));
        assertValidUntil(cookie, signedAt.plusSeconds(AGE));
    }

    @Test
    @DisplayName("G7 setExpiry(seconds) counts from the signature's timestamp")
    void g7_expirySeconds() {
        String cookie = cookie(s -> s.setExpiry(60));
        assertValidUntil(cookie, signedAt.plusSeconds(60));
    }

    @Test
    @DisplayName("G7 an expiry date shorter than the cookie age is honoured")
    void g7_expiryDateShorter() {
        String cookie = cookie(s -> s.setExpiry(Duration.ofMinutes(5)));
        assertValidUntil(cookie, signedAt.plusSeconds(300));
    }

    @Test
    @DisplayName("G7 an expiry date beyond the cookie age is honoured (Django #19201 would reject it after the cookie age)")
    void g7_expiryDateLonger() {
        String cookie = cookie(s -> s.setExpiry(Duration.ofDays(1)));
        assertValidUntil(cookie, signedAt.plus(Duration.ofDays(1)));
    }

    @Test
    @DisplayName("G7 an expiry date in the past: the cookie never loads")
    void g7_expiryDatePast() {
        String cookie = cookie(s -> s.setExpiry(Duration.ofSeconds(-1)));
        assertExpired(cookie);
    }

    @Test
    @DisplayName("G7 saving again re-signs with a new timestamp and so extends the session")
    void g7_saveExtends() {
        String first = cookie(s -> { });
        clock.set(signedAt.plusSeconds(AGE - 10));
        SessionStore s = engine.open(first);
        s.put("seen", 2);
        s.save();
        String second = s.getSessionKey();

        clock.set(signedAt.plusSeconds(AGE + 10));
        assertExpired(first);
        assertThat(engine.open(second).get("seen")).isEqualTo(2);
    }

    @Test
    @DisplayName("G7 an expired cookie is logged on the security logger at INFO (routine, not an attack)")
    void g7_expiredIsLogged() {
        String cookie = cookie(s -> s.setExpiry(10));
        clock.set(signedAt.plusSeconds(10));
        try (SecurityLog log = new SecurityLog()) {
            assertThat(engine.open(cookie).get("user_id")).isNull();
            assertThat(log.lines()).singleElement().asString().contains("INFO").contains("expired at");
        }
    }

    private String cookie(Consumer<SessionStore> setUp) {
        SessionStore s = engine.open(null);
        s.put("user_id", 42);
        setUp.accept(s);
        s.save();
        return s.getSessionKey();
    }

    /** Loads one second before {@code expiry}; does not load at {@code expiry}. */
    private void assertValidUntil(String cookie, Instant expiry) {
        clock.set(expiry.minusSeconds(1));
        assertThat(engine.open(cookie).get("user_id")).as("one second before %s", expiry).isEqualTo(42);
        clock.set(expiry);
        assertExpired(cookie);
    }

    private void assertExpired(String cookie) {
        SessionStore s = engine.open(cookie);
        assertThat(s.get("user_id")).as("at %s", clock.instant()).isNull();
        assertThat(s.getSessionKey()).isNull();
        assertThat(s.isEmpty()).isTrue();
    }
}
