package io.sessions4j.spring.boot;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser for the Boot tests: real HTTP with a cookie jar, redirects not followed (the tests look at them). */
final class Browser {
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private URI base;

    Browser(int port) {
        at(port);
    }

    /** After a restart on another port: same cookies (kept per host, and the host is the same). */
    Browser at(int port) {
        base = URI.create("http://127.0.0.1:" + port);
        return this;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET carrying exactly this session cookie and nothing from the jar. */
    HttpResponse<String> getWithCookie(String path, String cookie) throws IOException, InterruptedException {
        HttpClient bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return bare.send(HttpRequest.newBuilder(base.resolve(path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Spring Security's login page, then its form posted with the page's CSRF token. */
    HttpResponse<String> logIn(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = get("/login");
        if (page.statusCode() != 200) {
            throw new AssertionError("GET /login answered " + page.statusCode());
        }
        return post("/login", Map.of("username", user, "password", password, "_csrf", csrfInput(page.body())));
    }

    static String csrfInput(String html) {
        Matcher m = CSRF_INPUT.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no _csrf input in " + html);
        }
        return m.group(1);
    }

    /** The session cookie in the jar, or null. */
    String session() {
        List<HttpCookie> all = cookies.getCookieStore().get(base);
        return all.stream().filter(c -> c.getName().equals("sessionid")).map(HttpCookie::getValue).findFirst().orElse(null);
    }
}
