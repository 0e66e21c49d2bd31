package io.sessions4j.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionCookie#set} reuses the attributes of the previous cookie within the same expiry second and Max-Age:
 * what it writes must be exactly what it wrote before the reuse, whatever the order of calls.
 */
class SessionCookieAttributesTest {
    private static final Instant T = Instant.parse("2026-12-05T22:03:31.100Z");

    private final SessionCookie cookie = new SessionCookie(SessionSettings.of(Map.of("sessions.secret.key", "k")));

    @Test
    void sameSecondAndMaxAgeWriteTheSameAttributesAfterEachValue() {
        assertThat(cookie.set("a", 60L, T)).isEqualTo("sessionid=a; expires=Sat, 05 Dec 2026 22:04:31 GMT; HttpOnly; "
                + "Max-Age=60; Path=/; SameSite=Lax");
        assertThat(cookie.set("b", 60L, T.plusMillis(850))).isEqualTo("sessionid=b; expires=Sat, 05 Dec 2026 22:04:31 GMT; "
                + "HttpOnly; Max-Age=60; Path=/; SameSite=Lax");
    }

    @Test
    void aNewSecondOrAnotherMaxAgeWritesItsOwn() {
        cookie.set("a", 60L, T);
        assertThat(cookie.set("a", 60L, T.plusMillis(900))).contains("expires=Sat, 05 Dec 2026 22:04:32 GMT;")
                .contains("Max-Age=60;");
        assertThat(cookie.set("a", 61L, T.plusMillis(900))).contains("expires=Sat, 05 Dec 2026 22:04:33 GMT;")
                .contains("Max-Age=61;");
        // Same expiry second from another (now, Max-Age) pair: Max-Age is part of the key.
        assertThat(cookie.set("a", 60L, T.plusSeconds(1).plusMillis(900))).contains("expires=Sat, 05 Dec 2026 22:04:33 GMT;")
                .contains("Max-Age=60;");
        assertThat(cookie.set("a", 60L, T)).contains("expires=Sat, 05 Dec 2026 22:04:31 GMT;"); // back in time too
    }

    @Test
    void browserSessionCookieAndDeleteAreUnaffected() {
        cookie.set("a", 60L, T);
        assertThat(cookie.set("a", null, T)).isEqualTo("sessionid=a; HttpOnly; Path=/; SameSite=Lax");
        assertThat(cookie.delete()).isEqualTo("sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; "
                + "SameSite=Lax");
    }
}
