package io.sessions4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.FaultySessionStorage;
import io.sessions4j.testkit.HttpReply;
import io.sessions4j.testkit.MutableClock;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The servlet integration's own behaviour (the servlet API, error pages, async, flushes, resets...; CONFORMANCE F,
 * A16), run against a real server over real HTTP. What every integration must do (login, logout, 400, 503,
 * redirects, streams, concurrency, forged cookies, header transport) is the testkit's {@code SessionIntegrationContract},
 * run on the same containers by {@link JettyIntegrationContractTest} and {@link TomcatIntegrationContractTest}. Each subclass starts one container with {@link SessionFilter} on
 * {@code /*} for REQUEST, ASYNC and ERROR dispatches and the {@link TestServlets} application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionFilterEndToEndTest {

    protected final MutableClock clock = MutableClock.startingNow();
    protected final FaultySessionStorage storage = new FaultySessionStorage();
    protected final TestServlets app = new TestServlets();
    private StorageSessionEngine engine;
    private URI base;
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
        engine.typedValues().allow(TestServlets.BoundValue.class);
        base = start(new SessionFilter(engine), app.all());
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
    @DisplayName("F2 setMaxInactiveInterval(0) = expire at browser close: no Max-Age, no expires")
    void f2_browserCloseCookieHasNoMaxAgeNorExpires() throws Exception {
        HttpReply reply = get("/browser-close");

        String key = reply.sessionKey();
        assertThat(reply.sessionCookies()).containsExactly("sessionid=" + key + "; HttpOnly; Path=/; SameSite=Lax");
        assertThat(stored(key)).containsEntry("_session_expiry", 0);
    }

    @Test
    @DisplayName("F3 Vary: Cookie is added to the application's own Vary header")
    void f3_varyIsMergedWithExistingValue() throws Exception {
        String key = get("/put?k=k&v=v").sessionKey();

        HttpReply reply = get("/vary", key);

        assertThat(reply.vary()).isEqualTo("Accept-Encoding, Cookie");
    }

    @Test
    @DisplayName("A refused login (TooManySessionsException, sessions.max_per_user) answers 409 with the reason; nothing is saved")
    void tooManySessionsAnswers409() throws Exception {
        HttpReply reply = get("/too-many-sessions");
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body()).contains("sessions.max_per_user=1");
        assertThat(reply.sessionCookies()).isEmpty();
    }

    @Test
    @DisplayName("F4 An unknown cookie on a read: the cookie is deleted")
    void f4_unknownCookieOnReadIsDeleted() throws Exception {
        HttpReply reply = get("/get?k=k", "unknownunknownunknownunknown0000");

        assertThat(reply.body()).isEqualTo("no session");
        assertThat(reply.sessionCookies()).containsExactly(
                "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax");
    }

    // --- the servlet API ---------------------------------------------------------------------------

    @Test
    @DisplayName("getId() after invalidate() answers the id the session had (Spring Security's logout logs it)")
    void getIdAfterInvalidateAnswersTheOldId() throws Exception {
        String key = get("/put?k=k&v=v").sessionKey();

        HttpReply reply = get("/logout-id", key);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(key);
        assertThat(reply.sessionCookies()).singleElement().asString().startsWith("sessionid=\"\"; expires=Thu, 01 Jan 1970");
        assertThat(storage.memory().records()).doesNotContainKey(key);
    }

    @Test
    @DisplayName("Session events: created, attribute added/replaced/removed, bound/unbound, id changed, destroyed")
    void listenersHearEverySessionEvent() throws Exception {
        get("/listen");
        List<String> seen = app.events.seen;
        seen.clear();

        String anonymous = get("/put?k=cart&v=1").sessionKey();
        String first = get("/login?user=ann", anonymous).sessionKey();
        assertThat(first).isNotEqualTo(anonymous);
        assertThat(seen).containsExactly("created", "added cart", "added user", "id " + anonymous + "->" + first);
        seen.clear();

        get("/bind?k=b&v=1", first);
        get("/bind?k=b&v=2", first);
        get("/remove?k=b", first);
        assertThat(seen).containsExactly("bound b=1", "added b", "bound b=2", "unbound b=1", "replaced b",
                "unbound b=2", "removed b");
        seen.clear();

        get("/bind?k=b&v=3", first);
        seen.clear();
        get("/logout", first);
        assertThat(seen).containsExactly("destroyed " + first + " user=ann", "removed cart", "removed user",
                "unbound b=3", "removed b");
    }

    @Test
    @DisplayName("HttpSession API: attributes are store keys, reserved keys hidden, ids and times truthful")
    void httpSessionApiMapsOntoTheStore() throws Exception {
        HttpReply created = get("/api?step=create");
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

        HttpReply read = get("/api?step=read", key);
        assertThat(read.lines()).containsEntry("new", "false")
                .containsEntry("id", key)
                .containsEntry("names", "[a]")
                .containsEntry("a", "1")
                .containsEntry("max", "600")
                .containsEntry("created", Long.toString(clock.millis()))
                .containsEntry("lastAccessed", Long.toString(clock.millis()))
                .containsEntry("reservedHidden", "null");
        assertThat(read.setCookies()).as("a read-only request writes nothing").isEmpty();

        HttpReply invalidated = get("/api?step=invalidate", key);
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
        HttpReply reply = get("/store");

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
        HttpReply login = get("/login?user=ann");
        get("/api?step=create");
        HttpReply info = get("/info", login.sessionKey());
        get("/logout", login.sessionKey());
        HttpReply withContainerCookie = get("/put?k=k&v=v", List.of("JSESSIONID=0123456789ABCDEF"));

        assertThat(info.lines()).containsEntry("encoded", "/x /y");
        assertThat(withContainerCookie.sessionCookies()).hasSize(1);
    }

    // --- F5 / F6: failures ---------------------------------------------------------------------

    @Test
    @DisplayName("F5 A 500 response saves nothing: no record, no cookie")
    void f5_status500SavesNothing() throws Exception {
        int records = storage.memory().records().size();

        HttpReply reply = get("/status500");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.setCookies()).isEmpty();
        assertThat(storage.memory().records()).hasSize(records);
    }

    @Test
    @DisplayName("F5 An exception (500) leaves an existing session's data untouched")
    void f5_exceptionLeavesExistingSessionUntouched() throws Exception {
        String key = get("/put?k=k&v=original").sessionKey();
        SessionStorage.Stored before = storage.memory().records().get(key);

        HttpReply reply = get("/throw", key);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.sessionCookies()).isEmpty();
        assertThat(storage.memory().records().get(key)).isSameAs(before);
        assertThat(get("/status500", key).status()).isEqualTo(500);
        assertThat(stored(key)).containsEntry("k", "original");
    }

    // --- F9: before the commit ----------------------------------------------------------------

    @Test
    @DisplayName("F9 sendError with an error page (ERROR dispatch): cookie set once, the error page sees the same session")
    void f9_errorPageDispatchSharesTheSession() throws Exception {
        HttpReply reply = get("/conflict");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body()).isEqualTo("error page saw conflict dispatch=ERROR");
        String key = reply.sessionKey();
        assertThat(stored(key)).containsEntry("k", "conflict");
        assertThat(eventuallyStored(key, "error-page")).isEqualTo("visited");
    }

    @Test
    @DisplayName("F9 A 1 MiB body through the writer in small pieces: cookie set once, session saved")
    void f9_largeWriterBodyCarriesTheCookie() throws Exception {
        HttpReply reply = get("/large-writer");

        assertThat(reply.body().length()).isEqualTo(TestServlets.LARGE_BODY);
        assertThat(stored(reply.sessionKey())).containsEntry("k", "large writer");
    }

    @Test
    @DisplayName("F9 flushBuffer after a session change: cookie set once, session saved")
    void f9_flushCarriesTheCookie() throws Exception {
        HttpReply reply = get("/flush");

        assertThat(reply.body()).isEqualTo("ab");
        assertThat(stored(reply.sessionKey())).containsEntry("k", "flushed");
    }

    @Test
    @DisplayName("F9 Body reaching Content-Length: cookie set before; a later change is still saved")
    void f9_contentLengthReachedCarriesTheCookie() throws Exception {
        HttpReply reply = get("/content-length");

        assertThat(reply.body()).isEqualTo("hello");
        assertThat(stored(reply.sessionKey())).containsEntry("k", "content length");
        // The client may have the complete response before the servlet returns: wait for the late save.
        assertThat(eventuallyStored(reply.sessionKey(), "late")).isEqualTo("after the body");
    }

    @Test
    @DisplayName("F9 Async servlet: the session changed on the async thread is saved and its cookie set on complete()")
    void f9_asyncCompletionCarriesTheCookie() throws Exception {
        HttpReply reply = get("/async");

        assertThat(reply.body()).isEqualTo("async done");
        assertThat(stored(reply.sessionKey())).containsEntry("k", "async");
    }

    @Test
    @DisplayName("F9 Async dispatch: the dispatched servlet's change is saved and its cookie set")
    void f9_asyncDispatchCarriesTheCookie() throws Exception {
        HttpReply reply = get("/async-dispatch");

        assertThat(reply.body()).isEqualTo("target");
        assertThat(stored(reply.sessionKey())).containsEntry("k", "ASYNC");
    }

    @Test
    @DisplayName("F9 reset() after the lifecycle ran early (uncommitted response): the session headers are kept, once")
    void f9_resetKeepsTheSessionHeaders() throws Exception {
        HttpReply reply = get("/reset");

        assertThat(reply.body()).isEqualTo("after reset committed=false");
        assertThat(reply.vary()).isEqualTo("Cookie");
        assertThat(stored(reply.sessionKey())).containsEntry("k", "reset");
    }

    @Test
    @DisplayName("F9 After the commit: a change to an existing session is saved (no cookie); no new session, no key change")
    void f9_changesAfterTheCommit() throws Exception {
        String key = get("/put?k=k&v=v").sessionKey();

        HttpReply existing = get("/after-commit", key);
        HttpReply fresh = get("/after-commit");

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

        HttpReply reply = get("/whoami", List.of("sessionid=" + dead + "; other=1; sessionid=\"" + key + "\""));
        HttpReply info = get("/info", List.of("sessionid=" + dead + "; sessionid=" + key));

        assertThat(reply.body()).isEqualTo("carol");
        assertThat(reply.setCookies()).isEmpty();
        assertThat(info.lines()).containsEntry("requested", key).containsEntry("valid", "true");
    }

    // --- E6: a key change racing a logout ------------------------------------------------------------

    // --- F11: the key in a header ----------------------------------------------------------------

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

    private HttpResponse<String> send(HttpClient client, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(path, List.of()), HttpResponse.BodyHandlers.ofString());
        new HttpReply(response); // checks
        return response;
    }

    private HttpRequest request(String path, List<String> cookieHeaders) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        cookieHeaders.forEach(h -> builder.header("Cookie", h));
        return builder.build();
    }

    private HttpReply get(String path) throws IOException, InterruptedException {
        return get(path, List.of());
    }

    private HttpReply get(String path, String sessionKey) throws IOException, InterruptedException {
        return get(path, List.of("sessionid=" + sessionKey));
    }

    private HttpReply get(String path, List<String> cookieHeaders) throws IOException, InterruptedException {
        return new HttpReply(http.send(request(path, cookieHeaders), HttpResponse.BodyHandlers.ofString()));
    }
}
