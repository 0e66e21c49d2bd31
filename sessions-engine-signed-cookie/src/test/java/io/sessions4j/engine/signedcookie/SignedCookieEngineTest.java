package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.http.SessionCookie;
import io.sessions4j.api.http.SessionLifecycle;
import io.sessions4j.testkit.LifecycleRequests;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.RecordingResponseHeaders;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** H1/H2 (the engine is found by name, its setting is validated) and G7 through the request cycle. */
class SignedCookieEngineTest {
    private final MutableClock clock = MutableClock.startingNow();

    @Test
    @DisplayName("H2 sessions.engine=signed_cookies loads this engine through the ServiceLoader")
    void h2_loadedByName() {
        try (SessionEngine engine = SessionEngines.load(Engines.settings("sessions.engine", "signed_cookies"), clock)) {
            assertThat(((StorageSessionEngine) engine).storage()).isInstanceOf(CookieStorage.class);
            assertThat(engine.name()).isEqualTo("signed_cookies");
            assertThat(SignedCookieEngine.encrypts(engine)).isFalse();
        }
    }

    @Test
    @DisplayName("H1 sessions.signed_cookies.encrypt is declared, defaults to false and rejects bad values by name")
    void h1_encryptSetting() {
        assertThat(Engines.settings().known()).contains(SignedCookieEngineProvider.ENCRYPT);
        assertThat(SignedCookieEngineProvider.ENCRYPT.defaultValue()).isEqualTo("false");
        assertThatThrownBy(() -> Engines.settings("sessions.signed_cookies.encrypt", "yes please"))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.signed_cookies.encrypt").hasMessageContaining("true or false");
    }

    @Test
    @DisplayName("F1 a modified session is saved and the whole session travels in Set-Cookie; the next request reads it")
    void f1_requestCycle() {
        StorageSessionEngine engine = Engines.engine(clock);
        LifecycleRequests lifecycle = new LifecycleRequests(new SessionLifecycle(engine));

        SessionStore first = lifecycle.open(List.of());
        first.put("user_id", 42);
        RecordingResponseHeaders outcome = lifecycle.finish(first, 200);
        assertThat(outcome.setCookies()).singleElement().asString()
                .isEqualTo("sessionid=" + first.getSessionKey() + "; expires="
                        + SessionCookie.httpDate(clock.instant().plusSeconds(1209600))
                        + "; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax");

        SessionStore second = lifecycle.open(List.of(first.getSessionKey()));
        assertThat(second.get("user_id")).isEqualTo(42);
        RecordingResponseHeaders readOnly = lifecycle.finish(second, 200);
        assertThat(readOnly.setCookies()).as("F3 no write on a read-only request").isEmpty();
        assertThat(readOnly.varyCookie()).isTrue();
    }

    @Test
    @DisplayName("F4 logout (flush) in a request deletes the cookie")
    void f4_flushDeletesCookie() {
        StorageSessionEngine engine = Engines.engine(clock);
        LifecycleRequests lifecycle = new LifecycleRequests(new SessionLifecycle(engine));
        SessionStore login = lifecycle.open(List.of());
        login.put("user_id", 42);
        lifecycle.finish(login, 200);

        SessionStore logout = lifecycle.open(List.of(login.getSessionKey()));
        logout.flush();
        assertThat(lifecycle.finish(logout, 200).setCookies()).singleElement().asString()
                .startsWith("sessionid=\"\";").contains("Max-Age=0");
    }

    @Test
    @DisplayName("F10 with several session cookies, the first that verifies wins")
    void f10_firstValidCookieWins() {
        StorageSessionEngine engine = Engines.engine(clock);
        SessionStore s = engine.open(null);
        s.put("user_id", 42);
        s.save();
        String forged = signedElsewhere();

        SessionStore chosen = new LifecycleRequests(new SessionLifecycle(engine)).open(List.of(forged, s.getSessionKey()));
        assertThat(chosen.get("user_id")).isEqualTo(42);
    }

    @Test
    @DisplayName("G7 a never-touched store does not verify its cookie (lazy) and never writes")
    void g7_lazy() {
        StorageSessionEngine engine = Engines.engine(clock);
        try (SecurityLog log = new SecurityLog()) {
            LifecycleRequests requests = new LifecycleRequests(new SessionLifecycle(engine));
            SessionStore s = requests.open(List.of(signedElsewhere()));
            RecordingResponseHeaders outcome = requests.finish(s, 200);
            assertThat(outcome.setCookies()).isEmpty();
            assertThat(outcome.varyCookie()).isFalse();
            assertThat(log.lines()).isEmpty();
        }
    }

    @Test
    @DisplayName("G7 settings carry the cookie attributes into the measured header (Secure, SameSite=None)")
    void g7_settingsReachTheCookie() {
        StorageSessionEngine engine = Engines.engine(clock, CoreSettings.COOKIE_SAMESITE.key(), "None",
                CoreSettings.COOKIE_NAME.key(), "__Host-session");
        LifecycleRequests requests = new LifecycleRequests(new SessionLifecycle(engine), "__Host-session");
        SessionStore s = requests.open(List.of());
        s.put("k", 1);
        assertThat(requests.finish(s, 200).setCookies()).singleElement().asString()
                .startsWith("__Host-session=" + s.getSessionKey()).endsWith("; SameSite=None; Secure");
    }

    /** A well-formed cookie signed with a secret this engine does not know. */
    private String signedElsewhere() {
        SessionStore s = Engines.engine(clock, "sessions.secret.key", Engines.OTHER_SECRET).open(null);
        s.put("user_id", 666);
        s.save();
        return s.getSessionKey();
    }
}
