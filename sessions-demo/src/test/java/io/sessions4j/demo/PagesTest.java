package io.sessions4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The HTML pages over real HTTP: login with the test cookie, cycleKey, remember me, cart, logout, CSRF. */
class PagesTest {
    private static MemoryDemo demo;
    private TestClient client;

    @BeforeAll
    static void startServer() throws Exception {
        demo = new MemoryDemo();
    }

    @AfterAll
    static void stopServer() {
        demo.close();
    }

    @BeforeEach
    void newBrowser() {
        client = demo.client();
    }

    @Test
    @DisplayName("Home: served without creating a session; pages send no-store, CSP and nosniff")
    void home_creates_no_session() {
        HttpResponse<String> home = client.get("/");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<title>").contains("href=\"/login\"").contains("id=\"engine\">memory<");
        assertThat(TestClient.setCookie(home, "sessionid")).isNull();
        assertThat(home.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(home.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'none'").contains("form-action 'self'"));
        assertThat(home.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(home.headers().firstValue("Server")).isEmpty();
    }

    @Test
    @DisplayName("Unknown paths are a 404 page; the stylesheet is served")
    void not_found_and_stylesheet() {
        assertThat(client.get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> css = client.get("/style.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.body()).contains("--accent");
    }

    @Test
    @DisplayName("Login without cookies: \"Please enable cookies and try again.\"")
    void login_without_cookies() {
        client.withoutCookies();
        HttpResponse<String> form = client.get("/login");
        assertThat(TestClient.setCookie(form, "sessionid")).isNotNull(); // the test cookie's session

        HttpResponse<String> posted = client.postForm("/login", Map.of("username", "ada",
                "csrf_token", TestClient.csrfToken(form)));

        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(posted.body()).contains("Please enable cookies and try again.");
    }

    @Test
    @DisplayName("Login: test cookie checked and deleted, cycleKey gives a new key, username stored, browser-close cookie")
    void login_cycles_the_key() {
        HttpResponse<String> form = client.get("/login");
        String keyBeforeLogin = client.cookie("sessionid");
        assertThat(keyBeforeLogin).isNotNull();

        HttpResponse<String> posted = login("ada", TestClient.csrfToken(form), false);

        assertThat(posted.statusCode()).isEqualTo(303);
        assertThat(posted.headers().firstValue("Location")).hasValue("/session");
        String cookie = TestClient.setCookie(posted, "sessionid");
        assertThat(cookie).contains("HttpOnly").contains("Path=/").contains("SameSite=Lax")
                .doesNotContain("Max-Age").doesNotContain("expires");
        String keyAfterLogin = client.cookie("sessionid");
        assertThat(keyAfterLogin).matches("[a-z0-9]{32}").isNotEqualTo(keyBeforeLogin);

        String page = client.get("/session").body();
        assertThat(page).contains("id=\"whoami\">ada<").contains(keyAfterLogin)
                .contains("id=\"browser-close\">yes<").contains("id=\"session-engine\"><code>memory<")
                .contains("<code>username</code>").doesNotContain("<code>testcookie</code>");

        // The key planted before login is worthless now (session fixation).
        TestClient attacker = demo.client();
        attacker.setCookie("sessionid", keyBeforeLogin);
        assertThat(attacker.get("/session").body()).doesNotContain("id=\"whoami\"");
    }

    @Test
    @DisplayName("Login with \"remember me\": setExpiry(30 days), the cookie says so; the session page toggles it")
    void remember_me() {
        HttpResponse<String> posted = login("grace", TestClient.csrfToken(client.get("/login")), true);

        assertThat(TestClient.setCookie(posted, "sessionid")).contains("Max-Age=2592000");
        HttpResponse<String> page = client.get("/session");
        assertThat(page.body()).contains("id=\"expiry-age\">2592000 s (30 days)").contains("id=\"browser-close\">no<");

        HttpResponse<String> forget = client.postForm("/session", Map.of("remember", "off",
                "csrf_token", TestClient.csrfToken(page)));
        assertThat(forget.statusCode()).isEqualTo(303);
        assertThat(TestClient.setCookie(forget, "sessionid")).doesNotContain("Max-Age");
        assertThat(client.get("/session").body()).contains("id=\"browser-close\">yes<");
    }

    @Test
    @DisplayName("Login with a wrong or missing CSRF token: 403, nobody signed in")
    void login_csrf() {
        client.get("/login");

        HttpResponse<String> wrong = login("mallory", "not-the-token", false);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("id=\"csrf-error\"");

        HttpResponse<String> missing = client.postForm("/login", Map.of("username", "mallory"));
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(client.get("/session").body()).doesNotContain("id=\"whoami\"");
    }

    @Test
    @DisplayName("Login rejects an empty user name and re-shows the form")
    void login_validation() {
        HttpResponse<String> posted = login("   ", TestClient.csrfToken(client.get("/login")), false);

        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(posted.body()).contains("id=\"login-error\"");
    }

    @Test
    @DisplayName("Logging in as someone else flushes the previous user's data; the same user keeps it")
    void login_as_other_user_flushes() {
        login("ada", TestClient.csrfToken(client.get("/login")), false);
        addToCart("tea", 2);

        login("ada", TestClient.csrfToken(client.get("/login")), false);
        assertThat(client.get("/cart").body()).contains("data-sku=\"tea\"");

        login("bob", TestClient.csrfToken(client.get("/login")), false);
        assertThat(client.get("/cart").body()).contains("id=\"cart-empty\"");
    }

    @Test
    @DisplayName("Cart: add, add again (quantities sum), remove, empty; kept in the session as {sku: quantity}")
    void cart() {
        addToCart("tea", 2);
        addToCart("mug", 1);
        addToCart("tea", 1);

        String page = client.get("/cart").body();
        assertThat(page).contains("id=\"cart-total\">25.50<").contains("<span class=\"badge\" id=\"cart-count\">4<");
        assertThat(client.get("/api/session").body()).contains("\"cart\":{\"tea\":3,\"mug\":1}");

        HttpResponse<String> removed = client.postForm("/cart", Map.of("action", "remove", "sku", "tea",
                "csrf_token", TestClient.csrfToken(client.get("/cart"))));
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(client.get("/cart").body()).doesNotContain("data-sku=\"tea\"").contains("data-sku=\"mug\"");

        client.postForm("/cart", Map.of("action", "clear", "csrf_token", TestClient.csrfToken(client.get("/cart"))));
        assertThat(client.get("/cart").body()).contains("id=\"cart-empty\"");
    }

    @Test
    @DisplayName("Cart: an unknown product, a bad quantity or a missing token changes nothing")
    void cart_rejects_bad_input() {
        String token = TestClient.csrfToken(client.get("/cart"));

        assertThat(client.postForm("/cart", Map.of("action", "add", "sku", "caviar", "quantity", "1",
                "csrf_token", token)).statusCode()).isEqualTo(400);
        assertThat(client.postForm("/cart", Map.of("action", "add", "sku", "tea", "quantity", "0",
                "csrf_token", token)).statusCode()).isEqualTo(400);
        assertThat(client.postForm("/cart", Map.of("action", "add", "sku", "tea", "quantity", "1")).statusCode())
                .isEqualTo(403);
        assertThat(client.get("/cart").body()).contains("id=\"cart-empty\"");
    }

    @Test
    @DisplayName("Logout: POST flushes (cookie deleted, old key dead); GET only asks for confirmation")
    void logout() {
        login("ada", TestClient.csrfToken(client.get("/login")), true);
        String key = client.cookie("sessionid");

        HttpResponse<String> confirm = client.get("/logout");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(client.get("/session").body()).contains("id=\"whoami\">ada<");

        HttpResponse<String> out = client.postForm("/logout", Map.of("csrf_token", TestClient.csrfToken(confirm)));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/?logged_out");
        assertThat(TestClient.setCookie(out, "sessionid")).contains("Max-Age=0");
        assertThat(client.cookie("sessionid")).isNull();
        assertThat(client.get("/?logged_out").body()).contains("id=\"notice\"").contains("id=\"login-link\"");

        TestClient replay = demo.client();
        replay.setCookie("sessionid", key);
        assertThat(replay.get("/session").body()).doesNotContain("id=\"whoami\"");
    }

    @Test
    @DisplayName("Logout with a foreign token: 403, still signed in")
    void logout_csrf() {
        login("ada", TestClient.csrfToken(client.get("/login")), false);

        assertThat(client.postForm("/logout", Map.of("csrf_token", "forged")).statusCode()).isEqualTo(403);
        assertThat(client.get("/session").body()).contains("id=\"whoami\">ada<");
    }

    @Test
    @DisplayName("Login rotates the CSRF token: a token seen before login is refused after it")
    void login_rotates_csrf_token() {
        String before = TestClient.csrfToken(client.get("/login"));
        login("ada", before, false);

        assertThat(client.postForm("/cart", Map.of("action", "clear", "csrf_token", before)).statusCode()).isEqualTo(403);
        assertThat(TestClient.csrfToken(client.get("/cart"))).isNotEqualTo(before);
    }

    private HttpResponse<String> login(String username, String token, boolean remember) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf_token", token);
        form.put("username", username);
        if (remember) {
            form.put("remember", "on");
        }
        return client.postForm("/login", form);
    }

    private void addToCart(String sku, int quantity) {
        HttpResponse<String> added = client.postForm("/cart", Map.of("action", "add", "sku", sku,
                "quantity", Integer.toString(quantity), "csrf_token", TestClient.csrfToken(client.get("/cart"))));
        assertThat(added.statusCode()).isEqualTo(303);
    }
}
