package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.http.SessionCookie;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The HTTP behaviour every web integration must show (CONFORMANCE F, F11, B3, E3, E5, E6 through HTTP), over
 * real HTTP against a real server: what {@link SessionEngineContract} is to engines. A subclass starts its
 * framework's app with the integration under test, on {@code 127.0.0.1} and a random port, in
 * {@link #start(SessionEngine)}; the suite calls it twice per class, once with the key in a cookie and once with
 * {@code sessions.transport=header}, and {@link #stop()} once at the end.
 *
 * <p>The app serves these routes (all {@code GET}), each in its framework's own idiom (its session API or the
 * integration's accessor of the {@link io.sessions4j.api.SessionStore}):
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>path</th><th>does</th><th>answers</th></tr>
 *   <tr><td>{@code /put?k=K&v=V}</td><td>session[K] = V (a string)</td><td>200 {@code ok}</td></tr>
 *   <tr><td>{@code /get?k=K}</td><td>reads session[K]</td><td>200, the value (anything else when absent)</td></tr>
 *   <tr><td>{@code /untouched}</td><td>nothing with the session</td><td>200 {@code hello}</td></tr>
 *   <tr><td>{@code /login?user=U}</td><td>session["user"] = U, then a key change (cycleKey)</td><td>200, the new key</td></tr>
 *   <tr><td>{@code /whoami}</td><td>reads session["user"]</td><td>200, the user, or {@code anonymous}</td></tr>
 *   <tr><td>{@code /logout}</td><td>flush (invalidate)</td><td>200</td></tr>
 *   <tr><td>{@code /throw}</td><td>session["k"] = anything, then throws</td><td>the framework's 500</td></tr>
 *   <tr><td>{@code /send-error}</td><td>session["k"] = {@code error page}, then the framework's own error answer
 *       (sendError, an HTTP exception, a failed context)</td><td>404</td></tr>
 *   <tr><td>{@code /redirect}</td><td>session["k"] = {@code redirected}</td><td>302, {@code Location: /get?k=k}</td></tr>
 *   <tr><td>{@code /large}</td><td>session["k"] = {@code large}, then streams {@link #LARGE_BODY} bytes in
 *       chunks of at most 64 KiB</td><td>200</td></tr>
 *   <tr><td>{@code /hold}</td><td>reads session["user"], calls {@link #hold()}, then session["late"] = anything</td>
 *       <td>200 (400 when the session was deleted meanwhile)</td></tr>
 *   <tr><td>{@code /typed-put}</td><td>through the framework's own session API: "profile" = {@link #PROFILE},
 *       "visits" = {@code 3L}</td><td>200</td></tr>
 *   <tr><td>{@code /typed-get}</td><td>reads both back through the framework's session API as {@link Profile} and
 *       {@link Long}</td><td>200, {@code profile + " visits=" + visits}</td></tr>
 *   <tr><td>{@code /cycle-after-logout}</td><td>reads session["user"], calls {@link #concurrentLogout(String)} with
 *       the session key, then changes the key</td><td>400 from the integration</td></tr>
 * </table>
 * The integration answers 400 for a session ended by a concurrent request and 503 for a storage fault, whether the
 * fault surfaces in the handler or at the end of the request. Tests share one server, so each uses its own session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SessionIntegrationContract {
    /** Bytes {@code /large} streams: 1 MiB. */
    public static final int LARGE_BODY = 1024 * 1024;
    private static final long AGE = 1209600;
    private static final String DELETED_COOKIE =
            "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax";

    /** What {@code /typed-put} keeps: a record with an exact decimal and a list of instants. */
    public static final Profile PROFILE = new Profile("Ada", new BigDecimal("12345678901234567.10"),
            List.of(Instant.parse("2026-11-30T07:00:00.123456Z")));

    /** A record an application keeps in its session; allowlisted by {@link #settings()}. */
    public record Profile(String name, BigDecimal balance, List<Instant> logins) {
    }

    /** The clock of both engines: it stands still unless a test moves it. */
    protected final MutableClock clock = MutableClock.startingNow();
    /** The storage behind both engines, able to fail on demand. */
    protected final FaultySessionStorage storage = new FaultySessionStorage();
    private volatile CountDownLatch loaded = new CountDownLatch(0);
    private volatile CountDownLatch proceed = new CountDownLatch(0);
    private StorageSessionEngine engine;
    private StorageSessionEngine headerEngine;
    private URI base;
    private URI headerBase;
    private HttpClient http;

    /**
     * Starts the app (the routes above) with the integration under test over {@code engine}, on {@code 127.0.0.1}
     * and an ephemeral port. Called twice per class (cookie and header transport); both servers may run at once.
     *
     * @return the base URI, e.g. {@code http://127.0.0.1:41234}
     */
    protected abstract URI start(SessionEngine engine) throws Exception;

    /** Stops every server {@link #start} started. */
    protected abstract void stop() throws Exception;

    /** The settings of the engines under test ({@link Profile} allowlisted); a subclass may add to them. */
    protected SessionSettings settings() {
        return SessionSettings.of(Map.of("sessions.engine", "memory",
                "sessions.secret.key", "integration-contract-test-secret",
                "sessions.serializer.allowed_types", Profile.class.getName()));
    }

    /**
     * Called by {@code /hold} once it has read the session: blocks (at most 20 s) until the test lets it go on.
     * Runs on whichever thread the app's handler runs on.
     */
    public final void hold() throws InterruptedException {
        loaded.countDown();
        if (!proceed.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never let /hold proceed");
        }
    }

    /** Called by {@code /cycle-after-logout}: another request logs the session out meanwhile. */
    public final void concurrentLogout(String sessionKey) {
        engine.open(sessionKey).flush();
    }

    @BeforeAll
    final void startServers() throws Exception {
        SessionSettings settings = settings();
        engine = new StorageSessionEngine("memory", settings, clock, storage);
        headerEngine = new StorageSessionEngine("memory", settings.with("sessions.transport", "header"), clock, storage);
        base = start(engine);
        headerBase = start(headerEngine);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    final void stopServers() throws Exception {
        stop();
        engine.close();
    }

    @AfterEach
    final void healStorage() {
        storage.fail(FaultySessionStorage.Fault.NONE);
    }

    /** The engine of the cookie-transport server, for subclasses' own tests. */
    protected final SessionEngine engine() {
        return engine;
    }

    /** The base URI of the cookie-transport server, for subclasses' own tests. */
    protected final URI base() {
        return base;
    }

    // --- login, read, logout -------------------------------------------------------------------

    @Test
    @DisplayName("Login flow in a cookie-keeping client: put, login (cycleKey), read back, logout (flush)")
    void loginFlow() throws Exception {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        assertThat(send(browser, "/put?k=cart&v=3").body()).isEqualTo("ok");
        String anonymous = jarSession(cookies);
        HttpResponse<String> login = send(browser, "/login?user=ann");
        String loggedIn = jarSession(cookies);

        assertThat(loggedIn).matches("[a-z0-9]{32}").isEqualTo(login.body()).isNotEqualTo(anonymous);
        assertThat(storage.memory().records()).doesNotContainKey(anonymous);
        assertThat(stored(loggedIn)).containsEntry("cart", "3").containsEntry("user", "ann");
        assertThat(send(browser, "/whoami").body()).isEqualTo("ann");

        send(browser, "/logout");
        assertThat(jarSession(cookies)).isNull();
        assertThat(send(browser, "/whoami").body()).isEqualTo("anonymous");
        assertThat(storage.memory().records()).doesNotContainKey(loggedIn);
    }

    @Test
    @DisplayName("F1 A modified session is saved; Set-Cookie exactly as Django writes it; Vary: Cookie")
    void f1_modifiedSessionIsSavedAndCookieSet() throws Exception {
        HttpReply reply = get("/put?k=color&v=blue");

        String key = reply.sessionKey();
        assertThat(key).matches("[a-z0-9]{32}");
        assertThat(reply.sessionCookies()).containsExactly("sessionid=" + key + "; expires="
                + SessionCookie.httpDate(clock.instant().plusSeconds(AGE))
                + "; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax");
        assertThat(reply.vary()).isEqualTo("Cookie");
        assertThat(stored(key)).containsEntry("color", "blue");
    }

    @Test
    @DisplayName("F3 Read-only request: Vary: Cookie only, no Set-Cookie, one storage round trip, nothing written")
    void f3_readOnlyRequestVariesButSetsNoCookie() throws Exception {
        String key = get("/put?k=k&v=v").sessionKey();
        SessionStorage.Stored before = storage.memory().records().get(key);
        long calls = storage.memory().calls();

        HttpReply reply = get("/get?k=k", key);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("v");
        assertThat(reply.setCookies()).isEmpty();
        assertThat(reply.vary()).isEqualTo("Cookie");
        assertThat(storage.memory().calls() - calls).as("storage round trips").isEqualTo(1);
        assertThat(storage.memory().records().get(key)).isSameAs(before);
    }

    /**
     * Protected so that an integration whose framework itself reads the session on every request (Spring MVC's
     * flash maps) can assert that instead, saying why; every other integration runs it as it is.
     */
    @Test
    @DisplayName("F3 Untouched session: neither Vary nor Set-Cookie, nothing written")
    protected void f3_untouchedSessionHasNeitherHeader() throws Exception {
        String key = get("/put?k=k&v=v").sessionKey();
        SessionStorage.Stored before = storage.memory().records().get(key);
        long calls = storage.memory().calls();

        HttpReply reply = get("/untouched", key);

        assertThat(reply.body()).isEqualTo("hello");
        assertThat(reply.setCookies()).isEmpty();
        assertThat(reply.vary()).isNull();
        assertThat(storage.memory().calls() - calls).as("storage round trips").isLessThanOrEqualTo(untouchedRoundTrips());
        assertThat(storage.memory().records().get(key)).isSameAs(before);
    }

    /**
     * Storage round trips an untouched request may cost: 0 where the session loads on first use; an integration
     * that loads it before the handler runs (to keep blocking reads off an event loop) says 1.
     */
    protected int untouchedRoundTrips() {
        return 0;
    }

    @Test
    @DisplayName("F4 Logout (flush): record deleted, cookie deleted with Max-Age=0 and epoch expires, Vary: Cookie")
    void f4_logoutDeletesSessionAndCookie() throws Exception {
        String key = get("/login?user=ann").sessionKey();

        HttpReply reply = get("/logout", key);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.sessionCookies()).containsExactly(DELETED_COOKIE);
        assertThat(reply.vary()).isEqualTo("Cookie");
        assertThat(storage.memory().records()).doesNotContainKey(key);
        assertThat(get("/whoami", key).body()).isEqualTo("anonymous");
    }

    // --- failures ---------------------------------------------------------------------------------

    @Test
    @DisplayName("F5 A handler that throws (500) saves nothing: no cookie, no new record, an existing one untouched")
    void f5_exceptionSavesNothing() throws Exception {
        int records = storage.memory().records().size();
        HttpReply fresh = get("/throw");
        assertThat(fresh.status()).isEqualTo(500);
        assertThat(fresh.setCookies()).isEmpty();
        assertThat(storage.memory().records()).hasSize(records);

        String key = get("/put?k=k&v=original").sessionKey();
        SessionStorage.Stored before = storage.memory().records().get(key);
        HttpReply existing = get("/throw", key);
        assertThat(existing.status()).isEqualTo(500);
        assertThat(existing.sessionCookies()).isEmpty();
        assertThat(storage.memory().records().get(key)).isSameAs(before);
        assertThat(stored(key)).containsEntry("k", "original");
    }

    @Test
    @DisplayName("F6 A session deleted by a concurrent request while this one used it: 400, no cookie, not resurrected")
    void f6_sessionDeletedMidRequestGives400() throws Exception {
        String key = get("/login?user=bob").sessionKey();
        loaded = new CountDownLatch(1);
        proceed = new CountDownLatch(1);

        CompletableFuture<HttpResponse<String>> holding = http.sendAsync(request(base, "/hold", "sessionid=" + key),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loaded.await(20, TimeUnit.SECONDS)).as("/hold read the session").isTrue();
        assertThat(get("/logout", key).status()).isEqualTo(200);
        proceed.countDown();
        HttpReply reply = new HttpReply(holding.get(30, TimeUnit.SECONDS));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("Bad Request");
        assertThat(reply.sessionCookies()).isEmpty();
        assertThat(storage.memory().records()).doesNotContainKey(key);
    }

    @Test
    @DisplayName("E6 A key change after a concurrent logout: 400, no Set-Cookie, nothing stored under a new key")
    void e6_cycleAfterConcurrentLogoutIsRefused() throws Exception {
        String key = get("/login?user=alice").sessionKey();
        int before = storage.memory().records().size();

        HttpReply reply = get("/cycle-after-logout", key);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.sessionCookies()).isEmpty();
        assertThat(storage.memory().records()).doesNotContainKey(key).hasSize(before - 1);
        assertThat(get("/whoami", key).body()).isEqualTo("anonymous");
    }

    @Test
    @DisplayName("E5 Storage down while reading: 503, no cookie; the data is intact once it is back")
    void e5_storageFaultOnReadGives503() throws Exception {
        String key = get("/put?k=k&v=kept").sessionKey();
        storage.fail(FaultySessionStorage.Fault.ALL);

        HttpReply reply = get("/get?k=k", key);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body()).isEqualTo("Service Unavailable: session storage is unavailable\n");
        assertThat(reply.setCookies()).isEmpty();
        storage.fail(FaultySessionStorage.Fault.NONE);
        assertThat(get("/get?k=k", key).body()).isEqualTo("kept");
    }

    @Test
    @DisplayName("E5 Storage down while saving: 503, no cookie; the stored data is left as it was")
    void e5_storageFaultOnSaveGives503() throws Exception {
        String key = get("/put?k=k&v=kept").sessionKey();
        SessionStorage.Stored before = storage.memory().records().get(key);
        storage.fail(FaultySessionStorage.Fault.WRITES);

        HttpReply reply = get("/put?k=k&v=lost", key);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body()).doesNotContain("ok");
        assertThat(reply.setCookies()).isEmpty();
        assertThat(storage.memory().records().get(key)).isSameAs(before);
    }

    // --- F9: the cookie goes out with the headers ---------------------------------------------------

    @Test
    @DisplayName("F9 Redirect after a session change: 302 with the cookie, session saved")
    void f9_redirectCarriesTheCookie() throws Exception {
        HttpReply reply = get("/redirect");

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/get?k=k"));
        assertThat(stored(reply.sessionKey())).containsEntry("k", "redirected");
    }

    @Test
    @DisplayName("F9 The framework's error answer (404) after a session change: the cookie is set, the session saved")
    void f9_errorAnswerCarriesTheCookie() throws Exception {
        HttpReply reply = get("/send-error");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(stored(reply.sessionKey())).containsEntry("k", "error page");
    }

    @Test
    @DisplayName("F9 A 1 MiB streamed body after a session change: the cookie is set, the session saved")
    void f9_largeStreamedBodyCarriesTheCookie() throws Exception {
        HttpReply reply = get("/large");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().length()).isEqualTo(LARGE_BODY);
        assertThat(stored(reply.sessionKey())).containsEntry("k", "large");
    }

    // --- keys and concurrency -------------------------------------------------------------------------

    @Test
    @DisplayName("B3 A forged or unknown cookie is never adopted: a new key is issued")
    void b3_forgedCookieIsNeverAdopted() throws Exception {
        String forged = "forgedforgedforgedforgedforged11";

        HttpReply unknown = get("/put?k=k&v=v", forged);
        HttpReply invalid = get("/put?k=k&v=v", "../../etc/passwd");

        assertThat(unknown.sessionKey()).isNotEqualTo(forged).matches("[a-z0-9]{32}");
        assertThat(invalid.sessionKey()).matches("[a-z0-9]{32}");
        assertThat(storage.memory().records()).doesNotContainKey(forged);
        assertThat(stored(unknown.sessionKey())).containsEntry("k", "v");
    }

    @Test
    @DisplayName("F4 An unknown cookie on a read: the cookie is deleted")
    void f4_unknownCookieOnReadIsDeleted() throws Exception {
        HttpReply reply = get("/get?k=k", "unknownunknownunknownunknown0000");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.sessionCookies()).containsExactly(DELETED_COOKIE);
    }

    @Test
    @DisplayName("F10 Several session cookies: the first naming a live session wins")
    void f10_firstLiveCookieWins() throws Exception {
        String key = get("/login?user=carol").sessionKey();
        String dead = "deaddeaddeaddeaddeaddeaddeaddead";

        HttpReply reply = get("/whoami", List.of("sessionid=" + dead + "; other=1; sessionid=\"" + key + "\""));

        assertThat(reply.body()).isEqualTo("carol");
        assertThat(reply.setCookies()).isEmpty();
    }

    @Test
    @DisplayName("E3 64 concurrent requests on one session each add a distinct key: none is lost")
    void e3_concurrentRequestsLoseNoKey() throws Exception {
        String key = get("/put?k=first&v=0").sessionKey();
        int n = 64;
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(http.sendAsync(request(base, "/put?k=key" + i + "&v=" + i, "sessionid=" + key),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> reply : replies) {
            HttpReply r = new HttpReply(reply.get(60, TimeUnit.SECONDS));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.sessionKey()).isEqualTo(key);
        }

        Map<String, Object> data = stored(key);
        assertThat(data).containsEntry("first", "0");
        for (int i = 0; i < n; i++) {
            assertThat(data).containsEntry("key" + i, Integer.toString(i));
        }
    }

    // --- A16: typed values through the framework's session API ---------------------------------------

    @Test
    @DisplayName("A16 A record and a Long kept through the framework's session API come back as their types")
    void a16_typedValuesThroughTheFrameworkSession() throws Exception {
        String key = get("/typed-put").sessionKey();

        HttpReply reply = get("/typed-get", key);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("Profile[name=Ada, balance=12345678901234567.10, "
                + "logins=[2026-11-30T07:00:00.123456Z]] visits=3");
        assertThat(stored(key).get("profile")).as("stored as a JSON object, never Java serialization")
                .isInstanceOf(Map.class);
    }

    // --- F11: the key in a header ----------------------------------------------------------------------

    @Test
    @DisplayName("F11 Header transport: the new key comes back in X-Session-Token, no Set-Cookie, Vary on the header")
    void f11_headerTransportCreatesAndReads() throws Exception {
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
    @DisplayName("F11 Header transport: login rotates the token, logout answers an empty one, a cookie is ignored")
    void f11_headerTransportCyclesAndFlushes() throws Exception {
        String anonymous = sendWithToken("/put?k=cart&v=1", null).headers().firstValue("X-Session-Token").orElseThrow();
        HttpResponse<String> login = sendWithToken("/login?user=bob", anonymous);
        String token = login.headers().firstValue("X-Session-Token").orElseThrow();
        assertThat(token).isNotEqualTo(anonymous).isEqualTo(login.body());
        assertThat(storage.memory().records()).doesNotContainKey(anonymous).containsKey(token);

        HttpResponse<String> asCookie = http.send(request(headerBase, "/whoami", "sessionid=" + token),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asCookie.body()).as("the cookie is not a transport here").isEqualTo("anonymous");

        HttpResponse<String> logout = sendWithToken("/logout", token);
        assertThat(logout.headers().allValues("X-Session-Token")).containsExactly("");
        assertThat(logout.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(storage.memory().records()).doesNotContainKey(token);
    }

    // --- helpers -------------------------------------------------------------------------------------

    private HttpResponse<String> sendWithToken(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(headerBase.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            builder.header("X-Session-Token", token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session data as stored, read through a fresh store of the cookie engine. */
    protected final Map<String, Object> stored(String key) {
        assertThat(storage.memory().records()).containsKey(key);
        return new LinkedHashMap<>(engine.open(key));
    }

    private static String jarSession(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("sessionid"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private HttpResponse<String> send(HttpClient client, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(base, path), HttpResponse.BodyHandlers.ofString());
        new HttpReply(response); // checks
        return response;
    }

    private static HttpRequest request(URI server, String path, String... cookieHeaders) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        for (String header : cookieHeaders) {
            builder.header("Cookie", header);
        }
        return builder.build();
    }

    /** A GET to the cookie-transport server without a cookie. */
    protected final HttpReply get(String path) throws IOException, InterruptedException {
        return get(path, List.of());
    }

    /** A GET to the cookie-transport server with {@code sessionid=<sessionKey>}. */
    protected final HttpReply get(String path, String sessionKey) throws IOException, InterruptedException {
        return get(path, List.of("sessionid=" + sessionKey));
    }

    private HttpReply get(String path, List<String> cookieHeaders) throws IOException, InterruptedException {
        return new HttpReply(http.send(request(base, path, cookieHeaders.toArray(String[]::new)),
                HttpResponse.BodyHandlers.ofString()));
    }
}
