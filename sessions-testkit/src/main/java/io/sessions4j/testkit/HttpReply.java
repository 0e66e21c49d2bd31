package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response in the web integrations' HTTP tests, checked on arrival for what must hold on every response: no
 * container session cookie ({@code JSESSIONID}) and the session cookie ({@code sessionid}) written at most once.
 */
public record HttpReply(int status, HttpHeaders headers, String body) {

    public HttpReply(HttpResponse<String> response) {
        this(response.statusCode(), response.headers(), response.body());
        assertThat(setCookies()).as("no container session cookie")
                .noneMatch(c -> c.toUpperCase(Locale.ROOT).contains("JSESSIONID"));
        assertThat(sessionCookies()).as("the session cookie is written at most once").hasSizeLessThanOrEqualTo(1);
    }

    public List<String> setCookies() {
        return headers.allValues("Set-Cookie");
    }

    public List<String> sessionCookies() {
        return setCookies().stream().filter(c -> c.startsWith("sessionid=")).toList();
    }

    /** The key the single session cookie sets. */
    public String sessionKey() {
        assertThat(sessionCookies()).as("session cookie of a %d response", status).hasSize(1);
        String cookie = sessionCookies().get(0);
        return cookie.substring("sessionid=".length(), cookie.indexOf(';'));
    }

    /** Every {@code Vary} line joined, or null when there is none. */
    public String vary() {
        List<String> values = headers.allValues("Vary");
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** The body's {@code name=value} lines. */
    public Map<String, String> lines() {
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
