package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionInterruptedException;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.http.SessionCookie;
import io.sessions4j.api.http.SessionLifecycle;
import io.sessions4j.api.http.SessionLifecycle.Outcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CONFORMANCE F: Django's SessionMiddleware decisions and exact header values. */
class SessionLifecycleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T22:03:31Z"));
    private final InMemorySessionStorage storage = new InMemorySessionStorage();

    private SessionLifecycle lifecycle(String... settings) {
        Map<String, String> props = new HashMap<>();
        props.put("sessions.secret.key", "lifecycle-secret");
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        return new SessionLifecycle(new StorageSessionEngine("memory", SessionSettings.of(props), clock, storage), clock);
    }

    private String savedKey(SessionLifecycle lifecycle) {
        SessionStore s = lifecycle.open(List.of());
        s.put("a", 1);
        s.save();
        return s.getSessionKey();
    }

    @Test
    @DisplayName("F1 a modified session is saved and the cookie set with Django's exact attributes")
    void f1_modifiedSessionSetsCookie() {
        SessionLifecycle lifecycle = lifecycle();
        SessionStore s = lifecycle.open(List.of());
        s.put("user_id", 42);
        Outcome out = lifecycle.finish(s, false, 200);
        assertThat(out.varyCookie()).isTrue();
        assertThat(out.setCookies()).containsExactly("sessionid=" + s.getSessionKey()
                + "; expires=Sat, 05 Dec 2026 22:03:31 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax");
        assertThat(storage.records()).containsKey(s.getSessionKey());
    }

    @Test
    @DisplayName("F2 expire at browser close: no Max-Age, no expires")
    void f2_browserClose() {
        SessionLifecycle lifecycle = lifecycle("sessions.expire_at_browser_close", "true");
        SessionStore s = lifecycle.open(List.of());
        s.put("x", 1);
        assertThat(lifecycle.finish(s, false, 200).setCookies())
                .containsExactly("sessionid=" + s.getSessionKey() + "; HttpOnly; Path=/; SameSite=Lax");

        SessionLifecycle perSession = lifecycle();
        SessionStore t = perSession.open(List.of());
        t.setExpiry(0);
        assertThat(perSession.finish(t, false, 200).setCookies().get(0)).doesNotContain("Max-Age").doesNotContain("expires");
    }

    @Test
    @DisplayName("F3 read-only access: no cookie, Vary: Cookie; untouched: neither")
    void f3_readOnly() {
        SessionLifecycle lifecycle = lifecycle();
        String key = savedKey(lifecycle);
        long before = storage.calls();
        SessionStore read = lifecycle.open(List.of(key));
        read.get("a");
        Outcome out = lifecycle.finish(read, true, 200);
        assertThat(out.setCookies()).isEmpty();
        assertThat(out.varyCookie()).isTrue();
        assertThat(storage.calls() - before).as("one storage read, no write").isEqualTo(1);

        SessionStore untouched = lifecycle.open(List.of(key));
        Outcome none = lifecycle.finish(untouched, true, 200);
        assertThat(none.setCookies()).isEmpty();
        assertThat(none.varyCookie()).isFalse();
        assertThat(storage.calls() - before).as("untouched costs nothing").isEqualTo(1);
    }

    @Test
    @DisplayName("F4 cookie sent and session now empty (flush): cookie deleted with the same Path/Domain/SameSite")
    void f4_flushDeletesCookie() {
        SessionLifecycle lifecycle = lifecycle("sessions.cookie.domain", ".example.com", "sessions.cookie.path", "/app");
        String key = savedKey(lifecycle);
        SessionStore s = lifecycle.open(List.of(key));
        s.flush();
        Outcome out = lifecycle.finish(s, true, 200);
        assertThat(out.setCookies()).containsExactly("sessionid=\"\"; Domain=.example.com; "
                + "expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/app; SameSite=Lax");
        assertThat(out.varyCookie()).isTrue();
        assertThat(storage.records()).doesNotContainKey(key);
    }

    @Test
    @DisplayName("F4 an unknown key that was read: cookie deleted")
    void f4_unknownKeyDeletesCookie() {
        SessionLifecycle lifecycle = lifecycle();
        SessionStore s = lifecycle.open(List.of("unknownsessionkey1234567890"));
        s.get("anything");
        assertThat(lifecycle.finish(s, true, 200).setCookies()).singleElement().asString().startsWith("sessionid=\"\";");
    }

    @Test
    @DisplayName("F5 nothing is saved on any 5xx response")
    void f5_noSaveOn5xx() {
        SessionLifecycle lifecycle = lifecycle();
        for (int status : new int[] {500, 502, 503, 599}) {
            SessionStore s = lifecycle.open(List.of());
            s.put("x", 1);
            Outcome out = lifecycle.finish(s, false, status);
            assertThat(out.setCookies()).isEmpty();
            assertThat(s.getSessionKey()).isNull();
        }
        assertThat(storage.records()).isEmpty();
    }

    @Test
    @DisplayName("F6 UpdateException during save becomes SessionInterruptedException")
    void f6_interrupted() {
        SessionLifecycle lifecycle = lifecycle();
        String key = savedKey(lifecycle);
        SessionStore s = lifecycle.open(List.of(key));
        s.put("b", 2);
        storage.delete(key); // a concurrent logout
        assertThatThrownBy(() -> lifecycle.finish(s, true, 200)).isInstanceOf(SessionInterruptedException.class);
        assertThat(storage.records()).doesNotContainKey(key);
    }

    @Test
    @DisplayName("F7 save_every_request saves and refreshes the cookie for any non-empty session")
    void f7_saveEveryRequest() {
        SessionLifecycle lifecycle = lifecycle("sessions.save_every_request", "true");
        String key = savedKey(lifecycle);
        clock.advance(java.time.Duration.ofHours(1));
        SessionStore s = lifecycle.open(List.of(key));
        Outcome out = lifecycle.finish(s, true, 200);
        assertThat(out.setCookies()).containsExactly("sessionid=" + key
                + "; expires=Sat, 05 Dec 2026 23:03:31 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax");
        assertThat(storage.records().get(key).expiry()).isEqualTo(clock.instant().plusSeconds(1209600));

        SessionStore fresh = lifecycle.open(List.of());
        assertThat(lifecycle.finish(fresh, false, 200).setCookies()).as("empty sessions are not saved").isEmpty();
    }

    @Test
    @DisplayName("F8 Secure, HttpOnly=false, SameSite=Strict, Domain and Path appear exactly")
    void f8_attributes() {
        SessionLifecycle lifecycle = lifecycle("sessions.cookie.secure", "true", "sessions.cookie.httponly", "false",
                "sessions.cookie.samesite", "Strict", "sessions.cookie.domain", "example.org", "sessions.cookie.path",
                "/shop", "sessions.cookie.name", "sid", "sessions.cookie.age", "60");
        SessionStore s = lifecycle.open(List.of());
        s.put("x", 1);
        assertThat(lifecycle.finish(s, false, 200).setCookies()).containsExactly("sid=" + s.getSessionKey()
                + "; Domain=example.org; expires=Sat, 21 Nov 2026 22:04:31 GMT; Max-Age=60; Path=/shop; SameSite=Strict; Secure");
    }

    @Test
    @DisplayName("F8 SameSite=None forces Secure, also on deletion; SameSite=false leaves it out; Partitioned")
    void f8_sameSiteNone() {
        SessionLifecycle none = lifecycle("sessions.cookie.samesite", "None");
        SessionStore s = none.open(List.of());
        s.put("x", 1);
        assertThat(none.finish(s, false, 200).setCookies().get(0)).endsWith("; Path=/; SameSite=None; Secure");
        SessionStore flushed = none.open(List.of(s.getSessionKey()));
        flushed.flush();
        assertThat(none.finish(flushed, true, 200).setCookies().get(0)).endsWith("; SameSite=None; Secure");

        SessionLifecycle omitted = lifecycle("sessions.cookie.samesite", "false", "sessions.cookie.partitioned", "true");
        SessionStore t = omitted.open(List.of());
        t.put("x", 1);
        assertThat(omitted.finish(t, false, 200).setCookies().get(0))
                .doesNotContain("SameSite").endsWith("; Max-Age=1209600; Partitioned; Path=/; Secure");
    }

    @Test
    @DisplayName("F10 several cookies with the session name: the first that names a live session wins")
    void f10_severalCookies() {
        SessionLifecycle lifecycle = lifecycle();
        String live = savedKey(lifecycle);
        SessionStore s = lifecycle.open(List.of("deadsessionkey0000000000000", live, "anotherlivekey"));
        assertThat(s.getSessionKey()).isEqualTo(live);
        assertThat(s.isAccessed()).isFalse();
        assertThat(s.get("a")).isEqualTo(1);
        SessionStore none = lifecycle.open(List.of("deadsessionkey0000000000000", "deadsessionkey1111111111111"));
        assertThat(none.getSessionKey()).isNull();
    }

    @Test
    @DisplayName("Vary is patched, not replaced")
    void varyPatch() {
        assertThat(SessionLifecycle.varyWithCookie(null)).isEqualTo("Cookie");
        assertThat(SessionLifecycle.varyWithCookie("Accept-Encoding")).isEqualTo("Accept-Encoding, Cookie");
        assertThat(SessionLifecycle.varyWithCookie("accept, cookie")).isEqualTo("accept, cookie");
        assertThat(SessionLifecycle.varyWithCookie("*")).isEqualTo("*");
    }

    @Test
    @DisplayName("F1 HTTP dates are RFC 1123 with two-digit days")
    void httpDate() {
        assertThat(SessionCookie.httpDate(Instant.parse("2026-12-05T08:09:10Z"))).isEqualTo("Sat, 05 Dec 2026 08:09:10 GMT");
    }
}
