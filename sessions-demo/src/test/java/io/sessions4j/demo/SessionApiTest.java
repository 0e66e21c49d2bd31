package io.sessions4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON playground under /api/session, over real HTTP against a running demo. */
class SessionApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TWO_WEEKS = 1_209_600;
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
    @DisplayName("GET on a new visitor: no key, no data, the global expiry, no cookie, nothing stored")
    void get_new_session() throws IOException {
        HttpResponse<String> response = client.get("/api/session");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.fieldNames()).toIterable()
                .containsExactly("session_key", "data", "expiry_age", "expire_at_browser_close");
        assertThat(body.get("session_key").isNull()).isTrue();
        assertThat(body.get("data").size()).isZero();
        assertThat(body.get("expiry_age").asLong()).isEqualTo(TWO_WEEKS);
        assertThat(body.get("expire_at_browser_close").asBoolean()).isFalse();
        assertThat(TestClient.setCookie(response, "sessionid")).isNull();
    }

    @Test
    @DisplayName("PATCH puts each key; the answer shows the new key, the cookie carries it, GET reads it back")
    void patch_puts_each_key() throws IOException {
        HttpResponse<String> patched = client.send("PATCH", "/api/session",
                "{\"color\": \"green\", \"n\": 3, \"tags\": [\"a\", \"b\"], \"nested\": {\"x\": null}}");

        assertThat(patched.statusCode()).isEqualTo(200);
        String key = json(patched).get("session_key").asText();
        assertThat(key).matches("[a-z0-9]{32}");
        assertThat(TestClient.setCookie(patched, "sessionid")).startsWith("sessionid=" + key + ";");

        JsonNode data = json(client.get("/api/session")).get("data");
        assertThat(data.get("color").asText()).isEqualTo("green");
        assertThat(data.get("n").asInt()).isEqualTo(3);
        assertThat(data.get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(data.get("nested").toString()).isEqualTo("{\"x\":null}");

        JsonNode again = json(client.send("PATCH", "/api/session", "{\"color\": \"blue\"}"));
        assertThat(again.get("session_key").asText()).isEqualTo(key);
        assertThat(again.get("data").get("color").asText()).isEqualTo("blue");
        assertThat(again.get("data").get("n").asInt()).isEqualTo(3);
    }

    @Test
    @DisplayName("DELETE /api/session/{key} removes the key; an absent key is 404")
    void delete_removes_a_key() throws IOException {
        client.send("PATCH", "/api/session", "{\"keep\": 1, \"drop me\": 2}");

        HttpResponse<String> deleted = client.send("DELETE", "/api/session/drop%20me", null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).get("data").has("drop me")).isFalse();
        assertThat(json(client.get("/api/session")).get("data").has("drop me")).isFalse();
        assertThat(json(client.get("/api/session")).get("data").get("keep").asInt()).isEqualTo(1);

        HttpResponse<String> missing = client.send("DELETE", "/api/session/drop%20me", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).contains("drop me");
    }

    @Test
    @DisplayName("expiry {\"seconds\": n}: the session and its cookie live n seconds")
    void expiry_seconds() throws IOException {
        client.send("PATCH", "/api/session", "{\"a\": 1}");

        HttpResponse<String> response = client.send("POST", "/api/session/expiry", "{\"seconds\": 60}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("expiry_age").asLong()).isEqualTo(60);
        assertThat(body.get("expire_at_browser_close").asBoolean()).isFalse();
        assertThat(body.get("data").get("_session_expiry").asLong()).isEqualTo(60);
        assertThat(TestClient.setCookie(response, "sessionid")).contains("Max-Age=60");
    }

    @Test
    @DisplayName("expiry {\"seconds\": 0}: the cookie ends with the browser (no Max-Age, no Expires)")
    void expiry_browser_close() throws IOException {
        client.send("PATCH", "/api/session", "{\"a\": 1}");

        HttpResponse<String> response = client.send("POST", "/api/session/expiry", "{\"seconds\": 0}");

        JsonNode body = json(response);
        assertThat(body.get("expire_at_browser_close").asBoolean()).isTrue();
        assertThat(body.get("expiry_age").asLong()).isEqualTo(TWO_WEEKS);
        String cookie = TestClient.setCookie(response, "sessionid");
        assertThat(cookie).doesNotContain("Max-Age").doesNotContain("expires");
    }

    @Test
    @DisplayName("expiry {\"at\": ISO-8601}: stored as a date; the age counts down to it")
    void expiry_at_date() throws IOException {
        client.send("PATCH", "/api/session", "{\"a\": 1}");
        Instant at = MemoryDemo.START.plusSeconds(3600);

        HttpResponse<String> response = client.send("POST", "/api/session/expiry", "{\"at\": \"" + at + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("expiry_age").asLong()).isEqualTo(3600);
        assertThat(Instant.parse(body.get("data").get("_session_expiry").asText())).isEqualTo(at);
        assertThat(TestClient.setCookie(response, "sessionid")).contains("Max-Age=3600");

        // An offset other than Z names the same instant.
        JsonNode offset = json(client.send("POST", "/api/session/expiry", "{\"at\": \"2030-01-15T12:00:00+01:00\"}"));
        assertThat(offset.get("expiry_age").asLong()).isEqualTo(3600);
    }

    @Test
    @DisplayName("expiry {\"seconds\": null}: back to the global policy")
    void expiry_null_restores_global_policy() throws IOException {
        client.send("PATCH", "/api/session", "{\"a\": 1}");
        client.send("POST", "/api/session/expiry", "{\"seconds\": 60}");

        JsonNode body = json(client.send("POST", "/api/session/expiry", "{\"seconds\": null}"));

        assertThat(body.get("expiry_age").asLong()).isEqualTo(TWO_WEEKS);
        assertThat(body.get("data").has("_session_expiry")).isFalse();
        assertThat(json(client.get("/api/session")).get("data").has("_session_expiry")).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{}", "{\"seconds\": \"60\"}", "{\"seconds\": 1.5}", "{\"at\": \"tomorrow\"}",
            "{\"at\": \"2030-01-15T12:00:00\"}", "{\"at\": 5}", "{\"seconds\": 1, \"at\": \"2030-01-15T12:00:00Z\"}",
            "{\"seconds\": 99999999999999999999}", "{\"minutes\": 5}"})
    @DisplayName("expiry: every other form is 400 with the accepted forms in the message")
    void expiry_bad_forms(String body) throws IOException {
        client.send("PATCH", "/api/session", "{\"a\": 1}");

        HttpResponse<String> response = client.send("POST", "/api/session/expiry", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("ISO-8601");
        assertThat(json(client.get("/api/session")).get("data").has("_session_expiry")).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"seconds\": 9223372036854775807}", "{\"seconds\": -9223372036854775808}",
            "{\"seconds\": 10000000000000}", "{\"seconds\": 315360000000}", "{\"at\": \"+12345-01-01T00:00:00Z\"}",
            "{\"at\": \"+999999999-12-31T23:59:59Z\"}"})
    @DisplayName("C9 expiry out of range (after 9999 or before 1970): 400 naming the range, nothing stored")
    void expiry_out_of_range(String body) throws IOException {
        client.send("PATCH", "/api/session", "{\"a\": 1}");

        HttpResponse<String> response = client.send("POST", "/api/session/expiry", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("out of range").contains("9999");
        assertThat(json(client.get("/api/session")).get("data").has("_session_expiry")).isFalse();
    }

    @Test
    @DisplayName("flush: data and key gone, the cookie deleted, the old key dead")
    void flush() throws IOException {
        client.send("PATCH", "/api/session", "{\"a\": 1}");
        String oldKey = client.cookie("sessionid");

        HttpResponse<String> response = client.send("POST", "/api/session/flush", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("session_key").isNull()).isTrue();
        assertThat(body.get("data").size()).isZero();
        assertThat(TestClient.setCookie(response, "sessionid")).startsWith("sessionid=\"\";").contains("Max-Age=0");
        assertThat(client.cookie("sessionid")).isNull();

        client.setCookie("sessionid", oldKey);
        JsonNode replay = json(client.get("/api/session"));
        assertThat(replay.get("session_key").isNull()).isTrue();
        assertThat(replay.get("data").size()).isZero();
    }

    @Test
    @DisplayName("cycle: a new key, the same data; the old key no longer names the session")
    void cycle() throws IOException {
        client.send("PATCH", "/api/session", "{\"a\": 1}");
        String oldKey = client.cookie("sessionid");

        HttpResponse<String> response = client.send("POST", "/api/session/cycle", null);

        JsonNode body = json(response);
        String newKey = body.get("session_key").asText();
        assertThat(newKey).matches("[a-z0-9]{32}").isNotEqualTo(oldKey);
        assertThat(body.get("data").get("a").asInt()).isEqualTo(1);
        assertThat(client.cookie("sessionid")).isEqualTo(newKey);
        assertThat(json(client.get("/api/session")).get("data").get("a").asInt()).isEqualTo(1);

        TestClient attacker = demo.client();
        attacker.setCookie("sessionid", oldKey);
        assertThat(json(attacker.get("/api/session")).get("data").size()).isZero();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"a\": ", "not json", "{\"a\": 1} trailing", "{\"a\": 1, \"a\": 2}", "{'a': 1}"})
    @DisplayName("PATCH with malformed JSON: 400 with a message, nothing changed")
    void patch_bad_json(String body) throws IOException {
        client.send("PATCH", "/api/session", "{\"a\": 1}");

        HttpResponse<String> response = client.send("PATCH", "/api/session", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(response).get("error").asText()).startsWith("Malformed JSON at line 1");
        assertThat(json(client.get("/api/session")).get("data").get("a").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "[1, 2]", "\"text\"", "42", "null"})
    @DisplayName("PATCH with an empty body or JSON that is not an object: 400")
    void patch_not_an_object(String body) throws IOException {
        HttpResponse<String> response = client.send("PATCH", "/api/session", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).containsAnyOf("JSON object", "empty");
        assertThat(TestClient.setCookie(response, "sessionid")).isNull();
    }

    @Test
    @DisplayName("PATCH of a reserved _session key: 400, and nothing of the body is applied")
    void patch_reserved_key() throws IOException {
        HttpResponse<String> response = client.send("PATCH", "/api/session", "{\"ok\": 1, \"_session_expiry\": \"soon\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("_session_expiry").contains("/api/session/expiry");
        assertThat(json(client.get("/api/session")).get("data").size()).isZero();
    }

    @Test
    @DisplayName("A body over 64 KiB: 413")
    void body_too_large() throws IOException {
        String big = "{\"a\": \"" + "x".repeat(SessionApiServlet.MAX_BODY_BYTES) + "\"}";

        HttpResponse<String> response = client.send("PATCH", "/api/session", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).contains("larger than");
    }

    @Test
    @DisplayName("Wrong methods are 405 with Allow; the JSON error shape holds")
    void wrong_methods() throws IOException {
        HttpResponse<String> put = client.send("PUT", "/api/session", "{}");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD, PATCH");
        assertThat(json(put).get("error").asText()).contains("not allowed");

        HttpResponse<String> getFlush = client.get("/api/session/flush");
        assertThat(getFlush.statusCode()).isEqualTo(405);
        assertThat(getFlush.headers().firstValue("Allow")).hasValue("POST");

        HttpResponse<String> postKey = client.send("POST", "/api/session/color", "{}");
        assertThat(postKey.statusCode()).isEqualTo(405);
        assertThat(postKey.headers().firstValue("Allow")).hasValue("DELETE");
    }

    @Test
    @DisplayName("A browser's cross-site request is refused (403) before it touches the session")
    void cross_site_requests_refused() throws IOException {
        client.send("PATCH", "/api/session", "{\"a\": 1}");

        HttpResponse<String> fetchSite = client.send("POST", "/api/session/flush", null, "Sec-Fetch-Site", "cross-site");
        assertThat(fetchSite.statusCode()).isEqualTo(403);
        assertThat(json(fetchSite).get("error").asText()).contains("Cross-site");

        HttpResponse<String> origin = client.send("PATCH", "/api/session", "{\"a\": 2}", "Origin", "http://evil.example");
        assertThat(origin.statusCode()).isEqualTo(403);

        HttpResponse<String> sameOrigin = client.send("PATCH", "/api/session", "{\"a\": 3}",
                "Sec-Fetch-Site", "same-origin", "Origin", demo.server.uri().toString().replaceAll("/$", ""));
        assertThat(sameOrigin.statusCode()).isEqualTo(200);
        assertThat(json(client.get("/api/session")).get("data").get("a").asInt()).isEqualTo(3);
    }

    @Test
    @DisplayName("Values stored through the API are escaped when pages print them")
    void stored_markup_is_escaped_in_pages() throws IOException {
        client.send("PATCH", "/api/session", "{\"username\": \"<script>alert('x')</script>\", \"<b>key</b>\": \"\\\"quoted\\\"\"}");

        String home = client.get("/").body();
        String page = client.get("/session").body();

        assertThat(home).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(page).contains("&lt;b&gt;key&lt;/b&gt;").doesNotContain("<b>key</b>").doesNotContain("<script>");
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
