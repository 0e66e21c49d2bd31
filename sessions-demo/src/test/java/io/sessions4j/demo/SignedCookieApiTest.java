package io.sessions4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.http.SessionCookie;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The JSON playground on the signed_cookies engine, where the whole session must fit one cookie (#15 item 5). */
class SignedCookieApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new DemoServer(SessionSettings.of(Map.of(
                "sessions.engine", "signed_cookies",
                "sessions.secret.key", "demo-test-secret-not-for-production")), "127.0.0.1", 0, Clock.systemUTC());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    /** {@code {"blob": "<n hardly compressible characters>"}}, the same for the same n. */
    private static String blob(int length) {
        Random random = new Random(length);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(90)));
        }
        return JSON.createObjectNode().put("blob", text.toString()).toString();
    }

    @Test
    @DisplayName("PATCH that would outgrow the cookie: 413 naming the size and the limit, no cookie, the session unchanged")
    void oversizedPatchIsRefused() throws IOException {
        TestClient client = new TestClient(server.uri());
        assertThat(client.send("PATCH", "/api/session", "{\"color\": \"green\"}").statusCode()).isEqualTo(200);
        String cookie = client.cookie("sessionid");
        assertThat(cookie).isNotNull();

        HttpResponse<String> refused = client.send("PATCH", "/api/session", blob(6000));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(refused.body()).get("error").asText())
                .containsPattern("would be \\d{4,} bytes").contains("over the " + SessionCookie.MAX_BYTES + "-byte");
        assertThat(TestClient.setCookie(refused, "sessionid")).isNull();
        assertThat(client.cookie("sessionid")).isEqualTo(cookie);
        JsonNode data = JSON.readTree(client.get("/api/session").body()).get("data");
        assertThat(data.get("color").asText()).isEqualTo("green");
        assertThat(data.has("blob")).isFalse();
    }

    @Test
    @DisplayName("around the limit every PATCH is a 200 whose cookie fits, or a 413 — never a 500")
    void predictionMatchesTheCookieWritten() {
        boolean accepted = false;
        boolean refused = false;
        for (int length = 2500; length <= 4500; length += 97) {
            HttpResponse<String> response = new TestClient(server.uri()).send("PATCH", "/api/session", blob(length));
            assertThat(response.statusCode()).as("length %d: %s", length, response.body()).isIn(200, 413);
            if (response.statusCode() == 200) {
                accepted = true;
                assertThat(TestClient.setCookie(response, "sessionid")).hasSizeLessThanOrEqualTo(SessionCookie.MAX_BYTES);
            } else {
                refused = true;
            }
        }
        assertThat(accepted).isTrue();
        assertThat(refused).isTrue();
    }
}
