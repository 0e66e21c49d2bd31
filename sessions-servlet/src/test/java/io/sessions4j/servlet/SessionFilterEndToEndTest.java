package io.sessions4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStorage;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.http.SessionCookie;
import io.sessions4j.testkit.MutableClock;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web integration's behaviour (CONFORMANCE F, plus B3, E3, E5 through HTTP), run against a
 * real server over real HTTP. Each subclass starts one container with {@link SessionFilter} on
 * {@code /*} for REQUEST, ASYNC and ERROR dispatches and the {@link TestServlets} application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionFilterEndToEndTest {
    private static final long AGE = 1209600;

    protected final MutableClock clock = MutableClock.startingNow();
    protected final FaultySessionStorage storage = new FaultySessionStorage();
    protected final TestServlets app = new TestServlets();
    private StorageSessionEngine engine;
    private StorageSessionEngine headerEngine;
    private URI base;
    private URI headerBase;
    private HttpClient http;

    /**
     * Starts the container on 127.0.0.1, an ephemeral port, with {@code filter} on {@code /*}
     * (REQUEST, ASYNC, ERROR; async supported), each servlet at its exact path, and
     * {@code /error-page} as the error page for status 409.
     *
     * @return the base URI, e.g. {@code http://127.0.0.1:41234}
     */
    protected abstract URI start(Filter filter, Map<String, HttpServlet> servlets) throws Exception;

    protected abstract void stop() throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        SessionSettings settings = SessionSettings.of(Map.of(
                "sessions.engine", "memory",
                "sessions.secret.key", "servlet-integration-test-secret",
                "sessions.serializer.allowed_types", TestServlets.Profile.class.getName()));
        engine = new StorageSessionEngine("memory", settings, clock, storage);
        base = start(new SessionFilter(engine), app.all());
        // The same application with the key in a header (sessions.transport=header), same storage.
        headerEngine = new StorageSessionEngine("memory", settings.with("sessions.transport", "header"), clock, storage);
        headerBase = start(new SessionFilter(headerEngine), app.all());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    void stopServer() throws Exception {
        stop();
        engine.close();
    }

    @AfterEach
    void healStorage() {
        storage.fail(FaultySessionStorage.Fault.NONE);
    }

    // --- F1 / F3 / F4: headers -------------------------------------------------------------------

    @Test
    @DisplayName("F1 A modified session is saved; Set-Cookie exactly as Django writes it; Vary: Cookie")
    void f1_modifiedSessionIsSavedAndCookieSet() throws Exception {
        Reply reply = get("/put?k=color&v=blue");

        String key = reply.sessionKey();
        assertThat(key).matches("[a-z0-9]{32}");
        assertThat(reply.sessionCookies()).containsExactly("sessionid=" + key + "; expires="
                + SessionCookie.httpDate(clock.instant().plusSeconds(AGE))
                + "; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax");
        assertThat(reply.vary()).isEqualTo("Cookie");
        assertThat(stored(key)).containsEntry("color", "blue");
    }

    @Test
    @DisplayName("F2 setMaxInactiveInterval(0) = expire at browser close: no Max-Age, no expires")
    void f2_browserCloseCookieHasNoMaxAgeNorExpires() throws Exception {
        Reply reply = get("/browser-close");

        String key = reply.sessionKey();
        assertThat(reply.sessionCookies()).containsExactly("sessionid=" + key + "; HttpOnly; Path=/; SameSite=Lax");
        assertThat(stored(key)).containsEntry("_session_expiry", 0);
    }

    @Test
    @DisplayName("F3 Read-only access: Vary: Cookie, no Set-Cookie, one load and no write")
    void f3_readOnlyRequestVariesButSetsNoCookie() throws Exception {
        String key = get("/put?k=k&v=v").sessionKey();
        SessionStorage.Stored before = storage.memory().records().get(key);
        long calls = storage.memory().calls();

        Reply reply = get("/get?k=k", key);

        assertThat(reply.body()).isEqualTo("v");
        assertThat(reply.setCookies()).isEmpty();
        assertThat(reply.vary()).isEqualTo("Cookie");
        assertThat(storage.memory().calls() - calls).as("storage round trips").isEqualTo(1);
        assertThat(storage.memory().records().get(key)).isSameAs(before);
    }

    @Test
    @DisplayName("F3 Untouched session: neither Vary nor Set-Cookie, no storage call")
    void f3_untouchedSessionHasNeitherHeader() throws Exception {
        String key = get("/put?k=k&v=v").sessionKey();
        long calls = storage.memory().calls();

        Reply reply = get("/untouched", key);

        assertThat(reply.body()).isEqualTo("hello");
        assertThat(reply.setCookies()).isEmpty();
        assertThat(reply.vary()).isNull();
        assertThat(storage.memory().calls()).isEqualTo(calls);
    }

    @Test
    @DisplayName("F3 Vary: Cookie is added to the application's own Vary header")
    void f3_varyIsMergedWithExistingValue() throws Exception {
        String key = get("/put?k=k&v=v").sessionKey();

        Reply reply = get("/vary", key);

        assertThat(reply.vary()).isEqualTo("Accept-Encoding, Cookie");
    }

    @Test
    @DisplayName("A refused login (TooManySessionsException, sessions.max_per_user) answers 409 with the reason; nothing is saved")
    void tooManySessionsAnswers409() throws Exception {
        Reply reply = get("/too-many-sessions");
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body()).contains("sessions.max_per_user=1");
        assertThat(reply.sessionCookies()).isEmpty();
    }

    @Test
    @DisplayName("F4 Logout (invalidate = flush): record deleted, cookie deleted with Max-Age=0 and epoch expires")
    void f4_logoutDeletesSessionAndCookie() throws Exception {
        String key = get("/login?user=ann").sessionKey();

        Reply reply = get("/logout", key);

        assertThat(reply.sessionCookies()).containsExactly(
                "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax");
        assertThat(reply.vary()).isEqualTo("Cookie");
        assertThat(storage.memory().records()).doesNotContainKey(key);
        assertThat(get("/whoami", key).body()).isEqualTo("anonymous");
    }

    @Test
    @DisplayName("F4 An unknown cookie on a read: the cookie is deleted")
    void f4_unknownCookieOnReadIsDeleted() throws Exception {
        Reply reply = get("/get?k=k", "unknownunknownunknownunknown0000");

        assertThat(reply.body()).isEqualTo("no session");
        assertThat(reply.sessionCookies()).containsExactly(
                "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax");
    }

    // --- the servlet API ---------------------------------------------------------------------------

    @Test
    @DisplayName("Login flow in a cookie-keeping client: put, changeSessionId (cycleKey), read back, logout")
    void loginFlowWithCookieManager() throws Exception {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        send(browser, "/put?k=cart&v=3");
        String anonymous = jarSession(cookies);
        HttpResponse<String> login = send(browser, "/login?user=ann");
        String loggedIn = jarSession(cookies);

        assertThat(loggedIn).isEqualTo(login.body()).isNotEqualTo(anonymous);
        assertThat(storage.memory().records()).doesNotContainKey(anonymous);
        assertThat(stored(loggedIn)).containsEntry("cart", "3").containsEntry("user", "ann");
        assertThat(send(browser, "/whoami").body()).isEqualTo("ann");

        send(browser, "/logout");
        assertThat(jarSession(cookies)).isNull();
        assertThat(send(browser, "/whoami").body()).isEqualTo("anonymous");
        assertThat(storage.memory().records()).doesNotContainKey(loggedIn);
    }

    @Test
    @DisplayName("HttpSession API: attributes are store keys, reserved keys hidden, ids and times truthful")
    void httpSessionApiMapsOntoTheStore() throws Exception {
        Reply created = get("/api?step=create");
        Map<String, String> first = created.lines();
        String key = created.sessionKey();

        assertThat(first).containsEntry("before", "null")
                .containsEntry("changeWithoutSession", "IllegalStateException")
                .containsEntry("new", "true")
                .containsEntry("same", "true")
                .containsEntry("names", "[a]")
                .containsEntry("max", "600")
                .containsEntry("reserved", "IllegalArgumentException")
                .containsEntry("id", key)
                .containsEntry("created", Long.toString(clock.millis()))
                .containsEntry("context", "true");
        assertThat(stored(key)).containsEntry("a", "1").containsEntry("_session_expiry", 600)
                .containsEntry(StoreHttpSession.CREATED_KEY, clock.millis()).doesNotContainKeys("b", "c");

        Reply read = get("/api?step=read", key);
        assertThat(read.lines()).containsEntry("new", "false")
                .containsEntry("id", key)
                .containsEntry("names", "[a]")
                .containsEntry("a", "1")
                .containsEntry("max", "600")
                .containsEntry("created", Long.toString(clock.millis()))
                .containsEntry("lastAccessed", Long.toString(clock.millis()))
                .containsEntry("reservedHidden", "null");
        assertThat(read.setCookies()).as("a read-only request writes nothing").isEmpty();

        Reply invalidated = get("/api?step=invalidate", key);
        assertThat(invalidated.lines()).containsEntry("afterInvalidate", "IllegalStateException")
                .containsEntry("getSessionFalse", "null")
                .containsEntry("freshNew", "true")
                .containsEntry("freshNames", "[]");
        assertThat(storage.memory().records()).doesNotContainKey(key);
    }

    @Test
    @DisplayName("getRequestedSessionId / isRequestedSessionIdValid / FromCookie answer truthfully")
    void requestedSessionIdIsReportedTruthfully() throws Exception {
        assertThat(get("/info").lines()).containsEntry("requested", "null").containsEntry("valid", "false")
                .containsEntry("fromCookie", "false").containsEntry("fromURL", "false")
                .containsEntry("session", "none");

        String key = get("/put?k=k&v=v").sessionKey();
        assertThat(get("/info", key).lines()).containsEntry("requested", key).containsEntry("valid", "true")
                .containsEntry("fromCookie", "true").containsEntry("session", key + " new=false");

        String forged = "forgedforgedforgedforgedforged00";
        assertThat(get("/info", forged).lines()).containsEntry("requested", forged).containsEntry("valid", "false")
                .containsEntry("fromCookie", "true").containsEntry("session", "none");
    }

    @Test
    @DisplayName("The Django-style SessionStore is reachable from the request (SessionFilter.store / attribute)")
    void storeIsReachableFromTheRequest() throws Exception {
        Reply reply = get("/store");

        assertThat(reply.body()).isEqualTo("true");
        assertThat(stored(reply.sessionKey())).containsEntry("django", List.of(1, 2, 3));
    }

    @Test
    @DisplayName("A16 HttpSession attributes come back as their Java types on the next request; plain JSON keys stay plain")
    void a16_attributesKeepTheirJavaTypes() throws Exception {
        String key = get("/typed-put").sessionKey();

        assertThat(get("/typed-get", key).body()).isEqualTo("Profile[name=Ada, balance=12345678901234567.10, "
                + "logins=[2026-11-30T07:00:00.123456Z]] visits=3");
        Map<String, Object> stored = stored(key);
        assertThat(stored.get("profile")).isEqualTo(Map.of("@type", TestServlets.Profile.class.getName(), "@value",
                Map.of("name", "Ada", "balance", "12345678901234567.10", "logins", List.of("2026-11-30T07:00:00.123456Z"))));
        assertThat(stored.get("visits")).isEqualTo(Map.of("@type", "java.lang.Long", "@value", 3));
        assertThat(get("/put?k=color&v=blue", key).status()).isEqualTo(200);
        assertThat(stored(key)).containsEntry("color", "blue");
    }

    @Test
    @DisplayName("No JSESSIONID ever: the container's session manager is never used")
    void noContainerSessionEver() throws Exception {
        // get() asserts on every response of this suite that no JSESSIONID cookie is set.
        Reply login = get("/login?user=ann");
        get("/api?step=create");
        Reply info = get("/info", login.sessionKey());
        get("/logout", login.sessionKey());
        Reply withContainerCookie = get("/put?k=k&v=v", List.of("JSESSIONID=0123456789ABCDEF"));

        assertThat(info.lines()).containsEntry("encoded", "/x /y");
        assertThat(withContainerCookie.sessionCookies()).hasSize(1);
    }

    // --- F5 / F6: failures ---------------------------------------------------------------------

    @Test
    @DisplayName("F5 A 500 response saves nothing: no record, no cookie")
    void f5_status500SavesNothing() throws Exception {
        int records = storage.memory().records().size();

        Reply reply = get("/status500");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.setCookies()).isEmpty();
        assertThat(storage.memory().records()).hasSize(records);
    }

    @Test
    @DisplayName("F5 An exception (500) leaves an existing session's data untouched")
    void f5_exceptionLeavesExistingSessionUntouched() throws Exception {
        String key = get("/put?k=k&v=original").sessionKey();
        SessionStorage.Stored before = storage.memory().records().get(key);

        Reply reply = get("/throw", key);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.sessionCookies()).isEmpty();
        assertThat(storage.memory().records().get(key)).isSameAs(before);
        assertThat(get("/status500", key).status()).isEqualTo(500);
        assertThat(stored(key)).containsEntry("k", "original");
    }

    @Test
    @DisplayName("F6 A session deleted by a concurrent request while this one used it → 400, not resurrected")
    void f6_sessionDeletedByConcurrentRequestGives400() throws Exception {
        String key = get("/login?user=bob").sessionKey();
        CountDownLatch loaded = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        app.loaded.set(loaded);
        app.proceed.set(proceed);

        CompletableFuture<HttpResponse<String>> holding = http.sendAsync(request("/hold", List.of("sessionid=" + key)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loaded.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(get("/logout", key).status()).isEqualTo(200);
        proceed.countDown();
        Reply reply = new Reply(holding.get(30, TimeUnit.SECONDS));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("Bad Request");
        assertThat(reply.sessionCookies()).isEmpty();
        assertThat(storage.memory().records()).doesNotContainKey(key);
    }

    @Test
    @DisplayName("E5 Storage down while reading → 503 with a short body; the data is intact once it is back")
    void e5_storageFaultOnReadGives503() throws Exception {
        String key = get("/put?k=k&v=kept").sessionKey();
        storage.fail(FaultySessionStorage.Fault.ALL);

        Reply reply = get("/get?k=k", key);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body()).isEqualTo("Service Unavailable: session storage is unavailable\n");
        assertThat(reply.setCookies()).isEmpty();
        storage.fail(FaultySessionStorage.Fault.NONE);
        assertThat(get("/get?k=k", key).body()).isEqualTo("kept");
    }

    @Test
    @DisplayName("E5 Storage down while saving → 503; the stored data is left as it was")
    void e5_storageFaultOnSaveGives503AndLeavesDataUntouched() throws Exception {
        String key = get("/put?k=k&v=kept").sessionKey();
        SessionStorage.Stored before = storage.memory().records().get(key);
        storage.fail(FaultySessionStorage.Fault.WRITES);

        Reply reply = get("/put?k=k&v=lost", key);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body()).doesNotContain("ok");
        assertThat(reply.setCookies()).isEmpty();
        assertThat(storage.memory().records().get(key)).isSameAs(before);
    }

    // --- F9: before the commit ----------------------------------------------------------------

    @Test
    @DisplayName("F9 sendRedirect after a session change: cookie set once, session saved")
    void f9_redirectCarriesTheCookie() throws Exception {
        Reply reply = get("/redirect");

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/get?k=k"));
        assertThat(stored(reply.sessionKey())).containsEntry("k", "redirected");
    }

    @Test
    @DisplayName("F9 sendError after a session change: cookie set once, session saved")
    void f9_sendErrorCarriesTheCookie() throws Exception {
        Reply reply = get("/send-error");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(stored(reply.sessionKey())).containsEntry("k", "error page");
    }

    @Test
    @DisplayName("F9 sendError with an error page (ERROR dispatch): cookie set once, the error page sees the same session")
    void f9_errorPageDispatchSharesTheSession() throws Exception {
        Reply reply = get("/conflict");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body()).isEqualTo("error page saw conflict dispatch=ERROR");
        String key = reply.sessionKey();
        assertThat(stored(key)).containsEntry("k", "conflict");
        assertThat(eventuallyStored(key, "error-page")).isEqualTo("visited");
    }

    @Test
    @DisplayName("F9 A 1 MiB streamed body after a session change: cookie set once, session saved")
    void f9_largeStreamedBodyCarriesTheCookie() throws Exception {
        Reply reply = get("/large");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().length()).isEqualTo(TestServlets.LARGE_BODY);
        assertThat(stored(reply.sessionKey())).containsEntry("k", "large");
    }

    @Test
    @DisplayName("F9 A 1 MiB body through the writer in small pieces: cookie set once, session saved")
    void f9_largeWriterBodyCarriesTheCookie() throws Exception {
        Reply reply = get("/large-writer");

        assertThat(reply.body().length()).isEqualTo(TestServlets.LARGE_BODY);
        assertThat(stored(reply.sessionKey())).containsEntry("k", "large writer");
    }

    @Test
    @DisplayName("F9 flushBuffer after a session change: cookie set once, session saved")
    void f9_flushCarriesTheCookie() throws Exception {
        Reply reply = get("/flush");

        assertThat(reply.body()).isEqualTo("ab");
        assertThat(stored(reply.sessionKey())).containsEntry("k", "flushed");
    }

    @Test
    @DisplayName("F9 Body reaching Content-Length: cookie set before; a later change is still saved")
    void f9_contentLengthReachedCarriesTheCookie() throws Exception {
        Reply reply = get("/content-length");

        assertThat(reply.body()).isEqualTo("hello");
        assertThat(stored(reply.sessionKey())).containsEntry("k", "content length");
        // The client may have the complete response before the servlet returns: wait for the late save.
        assertThat(eventuallyStored(reply.sessionKey(), "late")).isEqualTo("after the body");
    }

    @Test
    @DisplayName("F9 Async servlet: the session changed on the async thread is saved and its cookie set on complete()")
    void f9_asyncCompletionCarriesTheCookie() throws Exception {
        Reply reply = get("/async");

        assertThat(reply.body()).isEqualTo("async done");
        assertThat(stored(reply.sessionKey())).containsEntry("k", "async");
    }

    @Test
    @DisplayName("F9 Async dispatch: the dispatched servlet's change is saved and its cookie set")
    void f9_asyncDispatchCarriesTheCookie() throws Exception {
        Reply reply = get("/async-dispatch");

        assertThat(reply.body()).isEqualTo("target");
        assertThat(stored(reply.sessionKey())).containsEntry("k", "ASYNC");
    }

    @Test
    @DisplayName("F9 reset() after the lifecycle ran early (uncommitted response): the session headers are kept, once")
    void f9_resetKeepsTheSessionHeaders() throws Exception {
        Reply reply = get("/reset");

        assertThat(reply.body()).isEqualTo("after reset committed=false");
        assertThat(reply.vary()).isEqualTo("Cookie");
        assertThat(stored(reply.sessionKey())).containsEntry("k", "reset");
    }

    @Test
    @DisplayName("F9 After the commit: a change to an existing session is saved (no cookie); no new session, no key change")
    void f9_changesAfterTheCommit() throws Exception {
        String key = get("/put?k=k&v=v").sessionKey();

        Reply existing = get("/after-commit", key);
        Reply fresh = get("/after-commit");

        assertThat(existing.body()).isEqualTo("committed change=IllegalStateException");
        assertThat(existing.setCookies()).isEmpty();
        assertThat(eventuallyStored(key, "late")).isEqualTo("saved without a cookie");
        assertThat(fresh.body()).isEqualTo("committed create=IllegalStateException");
        assertThat(fresh.setCookies()).isEmpty();
    }

    // --- F10, B3, E3 -----------------------------------------------------------------------------

    @Test
    @DisplayName("F10 Several session cookies: the first naming a live session wins")
    void f10_firstLiveCookieWins() throws Exception {
        String key = get("/login?user=carol").sessionKey();
        String dead = "deaddeaddeaddeaddeaddeaddeaddead";

        Reply reply = get("/whoami", List.of("sessionid=" + dead + "; other=1; sessionid=\"" + key + "\""));
        Reply info = get("/info", List.of("sessionid=" + dead + "; sessionid=" + key));

        assertThat(reply.body()).isEqualTo("carol");
        assertThat(reply.setCookies()).isEmpty();
        assertThat(info.lines()).containsEntry("requested", key).containsEntry("valid", "true");
    }

    @Test
    @DisplayName("B3 A forged or unknown cookie is never adopted: a new key is issued")
    void b3_forgedCookieIsNeverAdopted() throws Exception {
        String forged = "forgedforgedforgedforgedforged11";

        Reply unknown = get("/put?k=k&v=v", forged);
        Reply invalid = get("/put?k=k&v=v", "../../etc/passwd");

        assertThat(unknown.sessionKey()).isNotEqualTo(forged).matches("[a-z0-9]{32}");
        assertThat(invalid.sessionKey()).matches("[a-z0-9]{32}");
        assertThat(storage.memory().records()).doesNotContainKey(forged);
        assertThat(stored(unknown.sessionKey())).containsEntry("k", "v");
    }

    @Test
    @DisplayName("E3 Concurrent requests on one session each add a distinct key: none is lost")
    void e3_concurrentRequestsLoseNoKey() throws Exception {
        String key = get("/put?k=first&v=0").sessionKey();
        int n = 8;
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(http.sendAsync(request("/put?k=key" + i + "&v=" + i, List.of("sessionid=" + key)),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> reply : replies) {
            Reply r = new Reply(reply.get(30, TimeUnit.SECONDS));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.sessionKey()).isEqualTo(key);
        }

        Map<String, Object> data = stored(key);
        assertThat(data).containsEntry("first", "0");
        for (int i = 0; i < n; i++) {
            assertThat(data).containsEntry("key" + i, Integer.toString(i));
        }
    }

    // --- E6: a key change racing a logout ------------------------------------------------------------

    @Test
    @DisplayName("E6 changeSessionId after a concurrent logout: 400, no Set-Cookie, nothing stored under a new key")
    void e6_cycleAfterConcurrentLogoutIsRefused() throws Exception {
        String key = get("/login?user=alice").sessionKey();
        int before = storage.memory().records().size();
        app.concurrentLogout = k -> engine.open(k).flush();
        try {
            Reply reply = get("/cycle-after-logout", key);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.sessionCookies()).isEmpty();
        } finally {
            app.concurrentLogout = k -> { };
        }
        assertThat(storage.memory().records()).doesNotContainKey(key).hasSize(before - 1);
        assertThat(get("/whoami", key).body()).isEqualTo("anonymous");
    }

    // --- F11: the key in a header ----------------------------------------------------------------

    @Test
    @DisplayName("F11 header transport: the new key comes back in X-Session-Token, no Set-Cookie, Vary on the header")
    void f11_headerTransportCreates() throws Exception {
        HttpResponse<String> created = sendWithToken("/put?k=color&v=blue", null);
        String token = created.headers().firstValue("X-Session-Token").orElseThrow();
        assertThat(token).matches("[a-z0-9]{32}");
        assertThat(created.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(created.headers().allValues("Vary")).containsExactly("X-Session-Token");
        assertThat(stored(token)).containsEntry("color", "blue");

        HttpResponse<String> read = sendWithToken("/get?k=color", token);
        assertThat(read.body()).isEqualTo("blue");
        assertThat(read.headers().firstValue("X-Session-Token")).as("a read-only request hands out nothing").isEmpty();
        assertThat(read.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(read.headers().allValues("Vary")).containsExactly("X-Session-Token");
    }

    @Test
    @DisplayName("F11 header transport: login rotates the token, logout answers an empty one, a cookie is ignored")
    void f11_headerTransportCyclesAndFlushes() throws Exception {
        String anonymous = sendWithToken("/put?k=cart&v=1", null).headers().firstValue("X-Session-Token").orElseThrow();
        HttpResponse<String> login = sendWithToken("/login?user=bob", anonymous);
        String token = login.headers().firstValue("X-Session-Token").orElseThrow();
        assertThat(token).isNotEqualTo(anonymous).isEqualTo(login.body());
        assertThat(storage.memory().records()).doesNotContainKey(anonymous).containsKey(token);

        HttpResponse<String> asCookie = http.send(HttpRequest.newBuilder(headerBase.resolve("/whoami"))
                .header("Cookie", "sessionid=" + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asCookie.body()).as("the cookie is not a transport here").isEqualTo("anonymous");

        HttpResponse<String> logout = sendWithToken("/logout", token);
        assertThat(logout.headers().allValues("X-Session-Token")).containsExactly("");
        assertThat(logout.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(storage.memory().records()).doesNotContainKey(token);
    }

    private HttpResponse<String> sendWithToken(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(headerBase.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            builder.header("X-Session-Token", token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- helpers -----------------------------------------------------------------------------

    /** The session data as stored, read through a fresh store. */
    private Map<String, Object> stored(String key) {
        assertThat(storage.memory().records()).containsKey(key);
        SessionStore store = engine.open(key);
        return new LinkedHashMap<>(store);
    }

    /** A stored value that a request saves after its response was complete; waits up to 10 s for it. */
    private Object eventuallyStored(String key, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Map<String, Object> data = stored(key);
        while (!data.containsKey(name) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            data = stored(key);
        }
        return data.get(name);
    }

    private static String jarSession(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("sessionid"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    private HttpResponse<String> send(HttpClient client, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(path, List.of()), HttpResponse.BodyHandlers.ofString());
        new Reply(response); // checks
        return response;
    }

    private HttpRequest request(String path, List<String> cookieHeaders) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        cookieHeaders.forEach(h -> builder.header("Cookie", h));
        return builder.build();
    }

    private Reply get(String path) throws IOException, InterruptedException {
        return get(path, List.of());
    }

    private Reply get(String path, String sessionKey) throws IOException, InterruptedException {
        return get(path, List.of("sessionid=" + sessionKey));
    }

    private Reply get(String path, List<String> cookieHeaders) throws IOException, InterruptedException {
        return new Reply(http.send(request(path, cookieHeaders), HttpResponse.BodyHandlers.ofString()));
    }

    /** A response, checked for what must hold on every response of this suite. */
    record Reply(int status, HttpHeaders headers, String body) {
        Reply(HttpResponse<String> response) {
            this(response.statusCode(), response.headers(), response.body());
            assertThat(setCookies()).as("no container session cookie")
                    .noneMatch(c -> c.toUpperCase(Locale.ROOT).contains("JSESSIONID"));
            assertThat(sessionCookies()).as("the session cookie is written at most once").hasSizeLessThanOrEqualTo(1);
        }

        List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }

        List<String> sessionCookies() {
            return setCookies().stream().filter(c -> c.startsWith("sessionid=")).toList();
        }

        /** The key the single session cookie sets. */
        String sessionKey() {
            assertThat(sessionCookies()).as("session cookie of a %d response", status).hasSize(1);
            String cookie = sessionCookies().get(0);
            return cookie.substring("sessionid=".length(), cookie.indexOf(';'));
        }

        String vary() {
            List<String> values = headers.allValues("Vary");
            return values.isEmpty() ? null : String.join(", ", values);
        }

        Map<String, String> lines() {
            Map<String, String> lines = new LinkedHashMap<>();
            for (String line : body.split("\r?\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    lines.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return lines;
        }
    }
}
