package io.sessions4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionStore;
import io.sessions4j.cli.SessionsProcess.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONFORMANCE H4: {@code sessions decode} / {@code sessions encode}, run as a process from the packaged jar. */
@DisplayName("sessions decode / encode (packaged command)")
class DecodeEncodeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode vectors;

    @TempDir
    Path dir;

    @BeforeAll
    static void readVectors() throws IOException {
        try (InputStream in = DecodeEncodeIT.class.getResourceAsStream("/django-vectors.json")) {
            vectors = JSON.readTree(in);
        }
    }

    private Path config(String secret, String... keyValues) {
        Map<String, String> settings = new HashMap<>();
        settings.put("sessions.secret.key", secret);
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return SessionsProcess.properties(dir.resolve("app.properties"), settings);
    }

    private Result run(Path config, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return SessionsProcess.in(dir).run(all.toArray(String[]::new));
    }

    /** The JSON that ends the output of {@code decode}: from the first line that opens an object. */
    private static JsonNode printedJson(String stdout) throws IOException {
        return JSON.readTree(stdout.substring(stdout.indexOf("\n{") + 1));
    }

    @Test
    @DisplayName("H4 encode then decode: stored session data round-trips; the salt, secret and signing time are shown")
    void h4_sessionDataRoundTrip() throws IOException {
        Path config = config(StoredSessions.SECRET);
        String json = "{\"user_id\": 42, \"name\": \"Zoë ✓\", \"cart\": [1, 2.5], \"note\": null}";
        Instant before = Instant.now().minusSeconds(1);

        Result encoded = run(config, "encode", json);
        assertThat(encoded.exitCode()).as(encoded.toString()).isZero();
        String value = encoded.stdout().strip();
        assertThat(value).matches("\\.?[A-Za-z0-9_-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]+");

        Result decoded = run(config, "decode", value);
        assertThat(decoded.exitCode()).as(decoded.toString()).isZero();
        assertThat(decoded.stdout()).contains("Valid:     stored session data (salt django.contrib.sessions.SessionStore)")
                .contains("Secret:    sessions.secret.key" + System.lineSeparator())
                .contains("\"name\": \"Zoë ✓\"");
        assertThat(printedJson(decoded.stdout())).isEqualTo(JSON.readTree(json));
        Instant signedAt = Instant.parse(line(decoded.stdout(), "Signed at: "));
        assertThat(signedAt).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(Instant.parse(line(decoded.stdout(), "Expires:   "))).isEqualTo(signedAt.plusSeconds(1209600));
    }

    @Test
    @DisplayName("A16 encode then decode keeps every digit of a decimal and NaN/Infinity as Python's JSON tokens")
    void a16_exactNumbersRoundTrip() {
        Path config = config(StoredSessions.SECRET);
        String value = run(config, "encode", "{\"money\": 12345678901234567.89, \"nan\": NaN, \"inf\": -Infinity}")
                .stdout().strip();

        Result decoded = run(config, "decode", "--json", value);
        assertThat(decoded.exitCode()).as(decoded.toString()).isZero();
        assertThat(decoded.stdout().replaceAll("\\s", ""))
                .isEqualTo("{\"money\":12345678901234567.89,\"nan\":NaN,\"inf\":-Infinity}");
    }

    @Test
    @DisplayName("H4 encode --salt cookie then decode from stdin (-) with --json: a signed cookie round-trips")
    void h4_signedCookieRoundTripThroughStdin() throws IOException {
        Path config = config(StoredSessions.SECRET);
        Result encoded = run(config, "encode", "--salt", "cookie", "{\"cart\": {\"items\": 3}}");
        assertThat(encoded.exitCode()).as(encoded.toString()).isZero();

        Result withInfo = SessionsProcess.in(dir).stdin(encoded.stdout())
                .run("decode", "-", "--config", config.toString());
        assertThat(withInfo.stdout()).as(withInfo.toString())
                .contains("Valid:     a signed_cookies session cookie (salt django.contrib.sessions.backends.signed_cookies)");

        Result jsonOnly = SessionsProcess.in(dir).stdin(encoded.stdout())
                .run("decode", "-", "--json", "--config", config.toString());
        assertThat(jsonOnly.exitCode()).as(jsonOnly.toString()).isZero();
        assertThat(JSON.readTree(jsonOnly.stdout())).isEqualTo(JSON.readTree("{\"cart\": {\"items\": 3}}"));
    }

    @Test
    @DisplayName("H4 decode of Django's session_data vectors prints the recorded object and Django's signing time")
    void h4_djangoSessionDataVectors() throws IOException {
        Path config = config(vectors.get("secret").asText());
        for (JsonNode vector : vectors.get("session_data")) {
            Result result = run(config, "decode", vector.get("encoded").asText());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).contains("stored session data")
                    .contains("Signed at: " + Instant.ofEpochSecond(vector.get("timestamp").asLong()));
            assertThat(printedJson(result.stdout())).isEqualTo(vector.get("object"));
        }
    }

    @Test
    @DisplayName("H4 decode of Django's signed_cookies vector: valid within the cookie age, else 'Signature expired', exit 1")
    void h4_djangoSignedCookieVector() throws IOException {
        JsonNode vector = vectors.get("signed_cookie_session").get(0);
        String cookie = vector.get("cookie_value").asText();

        Result valid = run(config(vectors.get("secret").asText(), "sessions.cookie.age", "2000000000"), "decode", cookie);
        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(valid.stdout()).contains("a signed_cookies session cookie")
                .contains("Signed at: " + Instant.ofEpochSecond(vector.get("timestamp").asLong()));
        assertThat(printedJson(valid.stdout())).isEqualTo(vector.get("object"));

        // Signed in 2023 with a two-week cookie age: long expired.
        Result expired = run(config(vectors.get("secret").asText()), "decode", cookie);
        assertThat(expired.exitCode()).as(expired.toString()).isEqualTo(1);
        assertThat(expired.stdout()).contains("(expired)");
        assertThat(expired.stderr()).contains("Signature expired: this signed cookie expired at "
                + Instant.ofEpochSecond(vector.get("timestamp").asLong()).plusSeconds(1209600));
    }

    @Test
    @DisplayName("H4 a value signed with an old secret verifies through sessions.secret.key.fallbacks, reported as a fallback")
    void h4_fallbackSecretIsReported() throws IOException {
        JsonNode vector = vectors.get("fallback").get(0);
        String value = vector.get("encoded").asText();
        String current = vector.get("current_key").asText();
        String old = vector.get("fallback_keys").get(0).asText();

        Result withFallback = run(config(current, "sessions.secret.key.fallbacks", "unrelated-old-secret," + old),
                "decode", value);
        assertThat(withFallback.exitCode()).as(withFallback.toString()).isZero();
        assertThat(withFallback.stdout()).contains("Secret:    fallback #2 of sessions.secret.key.fallbacks");
        assertThat(printedJson(withFallback.stdout())).isEqualTo(vector.get("object"));

        Result withoutFallback = run(config(current), "decode", value);
        assertThat(withoutFallback.exitCode()).as(withoutFallback.toString()).isEqualTo(1);
        assertThat(withoutFallback.stderr()).contains("Bad signature");
    }

    @Test
    @DisplayName("H4 a tampered value: 'Bad signature', nothing of its content printed, exit 1")
    void h4_tamperedValueExits1() {
        Path config = config(StoredSessions.SECRET);
        String value = run(config, "encode", "{\"user_id\": 42}").stdout().strip();
        // {"user_id":42} → {"user_id":43}: a different payload under the old signature.
        String tampered = value.replaceFirst("^eyJ1c2VyX2lkIjo0Mn0", "eyJ1c2VyX2lkIjo0M30");
        assertThat(tampered).isNotEqualTo(value);

        Result result = run(config, "decode", tampered);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("Bad signature").contains("altered, truncated, or signed with another secret");

        Result otherSecret = run(config("another-secret-entirely-0123456789"), "decode", value);
        assertThat(otherSecret.exitCode()).as(otherSecret.toString()).isEqualTo(1);
        assertThat(otherSecret.stdout()).isEmpty();
    }

    @Test
    @DisplayName("H4 an encrypted signed_cookies value (sessions.signed_cookies.encrypt=true) is opened and reported as encrypted")
    void h4_encryptedCookie() throws IOException {
        Map<String, String> settings = Map.of("sessions.engine", "signed_cookies", "sessions.signed_cookies.encrypt", "true");
        String cookie;
        try (SessionEngine engine = SessionEngines.load(StoredSessions.settings(settings))) {
            SessionStore store = engine.open(null);
            store.put("secret_note", "only the server reads this");
            store.save();
            cookie = store.getSessionKey();
        }
        assertThat(cookie).startsWith("!1.");

        Result result = run(config(StoredSessions.SECRET), "decode", cookie);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("a signed_cookies session cookie, encrypted");
        assertThat(printedJson(result.stdout())).isEqualTo(JSON.readTree("{\"secret_note\": \"only the server reads this\"}"));
    }

    @Test
    @DisplayName("H4 a value our secret signed whose content is no session (a JSON array): signature valid, content unreadable, exit 1")
    void h4_verifiedButUnreadable() {
        String value = new io.sessions4j.api.signing.SignedPayload(StoredSessions.SECRET, null,
                io.sessions4j.api.signing.SignedPayload.SESSION_STORE_SALT)
                .dumps("[1, 2]".getBytes(java.nio.charset.StandardCharsets.UTF_8), false, Instant.now());

        Result result = run(config(StoredSessions.SECRET), "decode", value);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("The signature is valid (stored session data (salt "
                + "django.contrib.sessions.SessionStore), sessions.secret.key) but the content cannot be read");
    }

    @Test
    @DisplayName("H4 encode of invalid JSON or of a non-object exits 2 with the parse error")
    void h4_encodeRejectsInvalidJson() {
        Path config = config(StoredSessions.SECRET);

        Result broken = run(config, "encode", "{\"user_id\": ");
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(2);
        assertThat(broken.stderr()).contains("Invalid JSON: Unexpected end-of-input").contains("line 1, column");
        assertThat(broken.stdout()).isEmpty();

        Result array = run(config, "encode", "[1, 2]");
        assertThat(array.exitCode()).as(array.toString()).isEqualTo(2);
        assertThat(array.stderr()).contains("Session data must be a JSON object, not an array");

        Result trailing = run(config, "encode", "{\"a\": 1} {\"b\": 2}");
        assertThat(trailing.exitCode()).as(trailing.toString()).isEqualTo(2);
        assertThat(trailing.stderr()).contains("Invalid JSON");
    }

    @Test
    @DisplayName("decode and encode need the secret: without it, exit 2")
    void secretRequired() {
        Result result = SessionsProcess.in(dir).run("decode", "abc:def:ghi");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("sessions.secret.key is required");
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()).strip())
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + output));
    }
}
