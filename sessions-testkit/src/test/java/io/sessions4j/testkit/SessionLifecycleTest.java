package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionInterruptedException;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.http.SessionCookie;
import io.sessions4j.api.http.SessionExchange;
import io.sessions4j.api.http.SessionLifecycle;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
        return new SessionLifecycle(new StorageSessionEngine("memory", SessionSettings.of(props), clock, storage));
    }

    private SessionStore open(SessionLifecycle lifecycle, List<String> cookies) {
        return requests.computeIfAbsent(lifecycle, LifecycleRequests::new).open(cookies);
    }

    private RecordingResponseHeaders finish(SessionStore store, int status) {
        for (LifecycleRequests r : requests.values()) {
            if (r.exchange(store) != null) {
                return r.finish(store, status);
            }
        }
        throw new IllegalStateException("not opened here");
    }

    private final Map<SessionLifecycle, LifecycleRequests> requests = new IdentityHashMap<>();

    private String savedKey(SessionLifecycle lifecycle) {
        SessionStore s = open(lifecycle, List.of());
        s.put("a", 1);
        s.save();
        return s.getSessionKey();
    }

    @Test
    @DisplayName("F1 a modified session is saved and the cookie set with Django's exact attributes")
    void f1_modifiedSessionSetsCookie() {
        SessionLifecycle lifecycle = lifecycle();
        SessionStore s = open(lifecycle, List.of());
        s.put("user_id", 42);
        RecordingResponseHeaders out = finish(s, 200);
        assertThat(out.varyCookie()).isTrue();
        assertThat(out.setCookies()).containsExactly("sessionid=" + s.getSessionKey()
                + "; expires=Sat, 05 Dec 2026 22:03:31 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax");
        assertThat(storage.records()).containsKey(s.getSessionKey());
    }

    @Test
    @DisplayName("F2 expire at browser close: no Max-Age, no expires")
    void f2_browserClose() {
        SessionLifecycle lifecycle = lifecycle("sessions.expire_at_browser_close", "true");
        SessionStore s = open(lifecycle, List.of());
        s.put("x", 1);
        assertThat(finish(s, 200).setCookies())
                .containsExactly("sessionid=" + s.getSessionKey() + "; HttpOnly; Path=/; SameSite=Lax");

        SessionLifecycle perSession = lifecycle();
        SessionStore t = open(perSession, List.of());
        t.setExpiry(0);
        assertThat(finish(t, 200).setCookies().get(0)).doesNotContain("Max-Age").doesNotContain("expires");
    }

    @Test
    @DisplayName("F3 read-only access: no cookie, Vary: Cookie; untouched: neither")
    void f3_readOnly() {
        SessionLifecycle lifecycle = lifecycle();
        String key = savedKey(lifecycle);
        long before = storage.calls();
        SessionStore read = open(lifecycle, List.of(key));
        read.get("a");
        RecordingResponseHeaders out = finish(read, 200);
        assertThat(out.setCookies()).isEmpty();
        assertThat(out.varyCookie()).isTrue();
        assertThat(storage.calls() - before).as("one storage read, no write").isEqualTo(1);

        SessionStore untouched = open(lifecycle, List.of(key));
        RecordingResponseHeaders none = finish(untouched, 200);
        assertThat(none.setCookies()).isEmpty();
        assertThat(none.varyCookie()).isFalse();
        assertThat(storage.calls() - before).as("untouched costs nothing").isEqualTo(1);
    }

    @Test
    @DisplayName("F4 cookie sent and session now empty (flush): cookie deleted with the same Path/Domain/SameSite")
    void f4_flushDeletesCookie() {
        SessionLifecycle lifecycle = lifecycle("sessions.cookie.domain", ".example.com", "sessions.cookie.path", "/app");
        String key = savedKey(lifecycle);
        SessionStore s = open(lifecycle, List.of(key));
        s.flush();
        RecordingResponseHeaders out = finish(s, 200);
        assertThat(out.setCookies()).containsExactly("sessionid=\"\"; Domain=.example.com; "
                + "expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/app; SameSite=Lax");
        assertThat(out.varyCookie()).isTrue();
        assertThat(storage.records()).doesNotContainKey(key);
    }

    @Test
    @DisplayName("F4 an unknown key that was read: cookie deleted")
    void f4_unknownKeyDeletesCookie() {
        SessionLifecycle lifecycle = lifecycle();
        SessionStore s = open(lifecycle, List.of("unknownsessionkey1234567890"));
        s.get("anything");
        assertThat(finish(s, 200).setCookies()).singleElement().asString().startsWith("sessionid=\"\";");
    }

    @Test
    @DisplayName("F5 nothing is saved on any 5xx response")
    void f5_noSaveOn5xx() {
        SessionLifecycle lifecycle = lifecycle();
        for (int status : new int[] {500, 502, 503, 599}) {
            SessionStore s = open(lifecycle, List.of());
            s.put("x", 1);
            RecordingResponseHeaders out = finish(s, status);
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
        SessionStore s = open(lifecycle, List.of(key));
        s.put("b", 2);
        storage.delete(key); // a concurrent logout
        assertThatThrownBy(() -> finish(s, 200)).isInstanceOf(SessionInterruptedException.class);
        assertThat(storage.records()).doesNotContainKey(key);
    }

    @Test
    @DisplayName("F7 save_every_request saves and refreshes the cookie for any non-empty session")
    void f7_saveEveryRequest() {
        SessionLifecycle lifecycle = lifecycle("sessions.save_every_request", "true");
        String key = savedKey(lifecycle);
        clock.advance(java.time.Duration.ofHours(1));
        SessionStore s = open(lifecycle, List.of(key));
        RecordingResponseHeaders out = finish(s, 200);
        assertThat(out.setCookies()).containsExactly("sessionid=" + key
                + "; expires=Sat, 05 Dec 2026 23:03:31 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax");
        assertThat(storage.records().get(key).expiry()).isEqualTo(clock.instant().plusSeconds(1209600));

        SessionStore fresh = open(lifecycle, List.of());
        assertThat(finish(fresh, 200).setCookies()).as("empty sessions are not saved").isEmpty();
    }

    @Test
    @DisplayName("F8 Secure, HttpOnly=false, SameSite=Strict, Domain and Path appear exactly")
    void f8_attributes() {
        SessionLifecycle lifecycle = lifecycle("sessions.cookie.secure", "true", "sessions.cookie.httponly", "false",
                "sessions.cookie.samesite", "Strict", "sessions.cookie.domain", "example.org", "sessions.cookie.path",
                "/shop", "sessions.cookie.name", "sid", "sessions.cookie.age", "60");
        SessionStore s = open(lifecycle, List.of());
        s.put("x", 1);
        assertThat(finish(s, 200).setCookies()).containsExactly("sid=" + s.getSessionKey()
                + "; Domain=example.org; expires=Sat, 21 Nov 2026 22:04:31 GMT; Max-Age=60; Path=/shop; SameSite=Strict; Secure");
    }

    @Test
    @DisplayName("F8 SameSite=None forces Secure, also on deletion; SameSite=false leaves it out; Partitioned")
    void f8_sameSiteNone() {
        SessionLifecycle none = lifecycle("sessions.cookie.samesite", "None");
        SessionStore s = open(none, List.of());
        s.put("x", 1);
        assertThat(finish(s, 200).setCookies().get(0)).endsWith("; Path=/; SameSite=None; Secure");
        SessionStore flushed = open(none, List.of(s.getSessionKey()));
        flushed.flush();
        assertThat(finish(flushed, 200).setCookies().get(0)).endsWith("; SameSite=None; Secure");

        SessionLifecycle omitted = lifecycle("sessions.cookie.samesite", "false", "sessions.cookie.partitioned", "true");
        SessionStore t = open(omitted, List.of());
        t.put("x", 1);
        assertThat(finish(t, 200).setCookies().get(0))
                .doesNotContain("SameSite").endsWith("; Max-Age=1209600; Partitioned; Path=/; Secure");
    }

    @Test
    @DisplayName("F10 several cookies with the session name: the first that names a live session wins")
    void f10_severalCookies() {
        SessionLifecycle lifecycle = lifecycle();
        String live = savedKey(lifecycle);
        SessionStore s = open(lifecycle, List.of("deadsessionkey0000000000000", live, "anotherlivekey"));
        assertThat(s.getSessionKey()).isEqualTo(live);
        assertThat(s.isAccessed()).isFalse();
        assertThat(s.get("a")).isEqualTo(1);
        SessionStore none = open(lifecycle, List.of("deadsessionkey0000000000000", "deadsessionkey1111111111111"));
        assertThat(none.getSessionKey()).isNull();
    }

    @Test
    @DisplayName("F11 header transport: the key travels in X-Session-Token both ways; no Set-Cookie; Vary on the header")
    void f11_headerTransport() {
        SessionLifecycle lifecycle = lifecycle("sessions.transport", "header");
        SessionExchange created = lifecycle.open(name -> List.of());
        created.store().put("a", 1);
        RecordingResponseHeaders out = new RecordingResponseHeaders();
        out.set("Vary", "Accept-Encoding");
        created.commit(200, out);
        String key = created.store().getSessionKey();
        assertThat(out.values("X-Session-Token")).containsExactly(key);
        assertThat(out.setCookies()).isEmpty();
        assertThat(out.values("Vary")).containsExactly("Accept-Encoding, X-Session-Token");

        SessionExchange read = lifecycle.open(name -> name.equals("X-Session-Token") ? List.of(" " + key + " ") : List.of());
        assertThat(read.store().get("a")).isEqualTo(1);
        assertThat(read.requestedKey()).isEqualTo(key);
        RecordingResponseHeaders readOut = new RecordingResponseHeaders();
        read.commit(200, readOut);
        assertThat(readOut.values("X-Session-Token")).isEmpty();
        assertThat(readOut.values("Vary")).containsExactly("X-Session-Token");

        SessionExchange logout = lifecycle.open(name -> name.equals("X-Session-Token") ? List.of(key) : List.of());
        logout.store().flush();
        RecordingResponseHeaders logoutOut = new RecordingResponseHeaders();
        logout.commit(200, logoutOut);
        assertThat(logoutOut.values("X-Session-Token")).containsExactly("");
        assertThat(storage.records()).doesNotContainKey(key);

        SessionExchange cookieOnly = lifecycle.open(RecordingResponseHeaders.cookies("sessionid", List.of(key)));
        assertThat(cookieOnly.keySent()).as("a cookie is no transport in header mode").isFalse();
    }

    @Test
    @DisplayName("F12 150 junk cookies of the session's name cost at most three lookups")
    void f12_boundedCandidates() {
        SessionLifecycle lifecycle = lifecycle();
        String live = savedKey(lifecycle);
        List<String> junk = new java.util.ArrayList<>(java.util.Collections.nCopies(150, "junkjunkjunkjunkjunk"));
        junk.add(live);
        long calls = storage.calls();
        SessionStore s = open(lifecycle, junk);
        assertThat(storage.calls() - calls).isLessThanOrEqualTo(3);
        assertThat(s.getSessionKey()).as("the live key was beyond the bound: a fresh session").isNull();
    }

    @Test
    @DisplayName("Vary is patched, not replaced")
    void varyPatch() {
        assertThat(SessionLifecycle.vary(null, "Cookie")).isEqualTo("Cookie");
        assertThat(SessionLifecycle.vary("Accept-Encoding", "Cookie")).isEqualTo("Accept-Encoding, Cookie");
        assertThat(SessionLifecycle.vary("accept, cookie", "Cookie")).isEqualTo("accept, cookie");
        assertThat(SessionLifecycle.vary("*", "Cookie")).isEqualTo("*");
    }

    @Test
    @DisplayName("F3 a read session gets one Vary: Cookie line, also when the headers are written again unreset")
    void varyWrittenOnce() {
        SessionLifecycle lifecycle = lifecycle();
        String key = savedKey(lifecycle);
        SessionExchange read = lifecycle.open(RecordingResponseHeaders.cookies("sessionid", List.of(key)));
        assertThat(read.store().get("a")).isEqualTo(1);
        RecordingResponseHeaders out = new RecordingResponseHeaders();

        read.commit(200, out);
        read.rewrite(out);

        assertThat(out.values("Vary")).containsExactly("Cookie");
        assertThat(out.setCookies()).as("read-only: no cookie").isEmpty();
    }

    @Test
    @DisplayName("F1 HTTP dates are RFC 1123 with two-digit days")
    void httpDate() {
        assertThat(SessionCookie.httpDate(Instant.parse("2026-12-05T08:09:10Z"))).isEqualTo("Sat, 05 Dec 2026 08:09:10 GMT");
    }
}
