package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.signing.SignedPayload;
import io.sessions4j.testkit.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * D3/G7 against cookies made by a real Django (the {@code signed_cookie_session} vectors): Django's cookie
 * loads here, and re-signing the loaded data at the same second gives Django's cookie byte for byte, so
 * ours loads in Django.
 */
class DjangoSignedCookieVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode ROOT = load();

    static Stream<Arguments> signedCookieSession() {
        List<Arguments> out = new ArrayList<>();
        JsonNode array = ROOT.get("signed_cookie_session");
        for (int i = 0; i < array.size(); i++) {
            JsonNode r = array.get(i);
            out.add(Arguments.of(Named.of("signed_cookie_session[" + i + "] _session_expiry="
                    + r.get("object").get(SessionStore.EXPIRY_KEY), r)));
        }
        assertThat(out).isNotEmpty();
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("signedCookieSession")
    @DisplayName("D3 a cookie made by Django loads, with the recorded data")
    void d3_djangoCookieLoads(JsonNode r) {
        assertThat(r.get("salt").asText()).isEqualTo(SignedPayload.SIGNED_COOKIES_SALT);
        MutableClock clock = new MutableClock(signedAt(r).plusSeconds(1));
        StorageSessionEngine engine = Engines.engine(clock, "sessions.secret.key", r.get("key").asText());

        SessionStore s = engine.open(r.get("cookie_value").asText());
        JsonNode loaded = JSON.valueToTree(copyOf(s));
        assertThat(loaded).isEqualTo(r.get("object"));
        assertThat(s.getSessionKey()).isEqualTo(r.get("cookie_value").asText());
    }

    @ParameterizedTest
    @MethodSource("signedCookieSession")
    @DisplayName("D3 with the default compression threshold our cookie differs in form but Django's data loads back")
    void d3_uncompressedCookieLoads(JsonNode r) {
        MutableClock clock = new MutableClock(signedAt(r));
        StorageSessionEngine engine = Engines.engine(clock, "sessions.secret.key", r.get("key").asText());
        SessionStore s = engine.open(r.get("cookie_value").asText());
        s.setModified(true);
        s.save();
        assertThat(s.getSessionKey()).doesNotStartWith(".");
        assertThat(engine.open(s.getSessionKey()).get("user_id")).isEqualTo(r.get("object").get("user_id").asInt());
    }

    @ParameterizedTest
    @MethodSource("signedCookieSession")
    @DisplayName("D3 re-signing Django's data at the same second gives Django's cookie, byte for byte")
    void d3_ourCookieIsDjangos(JsonNode r) {
        MutableClock clock = new MutableClock(signedAt(r));
        // Django compresses every payload that shrinks; by default small ones are left uncompressed here.
        StorageSessionEngine engine = Engines.engine(clock, "sessions.secret.key", r.get("key").asText(),
                "sessions.signing.compress_min_bytes", "0");

        SessionStore s = engine.open(r.get("cookie_value").asText());
        s.setModified(true);
        s.save();
        assertThat(s.getSessionKey()).isEqualTo(r.get("cookie_value").asText());
    }

    @ParameterizedTest
    @MethodSource("signedCookieSession")
    @DisplayName("G7 Django's cookie expires with its cookie age, counted from the signature's timestamp")
    void g7_djangoCookieExpires(JsonNode r) {
        long maxAge = r.get("max_age_seconds").asLong();
        MutableClock clock = new MutableClock(signedAt(r).plusSeconds(maxAge - 1));
        StorageSessionEngine engine = Engines.engine(clock, "sessions.secret.key", r.get("key").asText(),
                "sessions.cookie.age", Long.toString(maxAge));
        String cookie = r.get("cookie_value").asText();

        assertThat(engine.open(cookie).get("user_id")).isEqualTo(r.get("object").get("user_id").asInt());
        clock.set(signedAt(r).plusSeconds(maxAge + 1));
        SessionStore expired = engine.open(cookie);
        assertThat(expired.keySet()).isEmpty();
        assertThat(expired.getSessionKey()).isNull();
    }

    @ParameterizedTest
    @MethodSource("signedCookieSession")
    @DisplayName("G7 Django's cookie does not load with another secret")
    void g7_djangoCookieNeedsTheSecret(JsonNode r) {
        StorageSessionEngine engine = Engines.engine(new MutableClock(signedAt(r).plusSeconds(1)));

        SessionStore s = engine.open(r.get("cookie_value").asText());
        assertThat(s.keySet()).isEmpty();
        assertThat(s.getSessionKey()).isNull();
    }

    /** A copy of the data, read through the Map API. */
    private static Map<String, Object> copyOf(SessionStore s) {
        return new LinkedHashMap<>(s);
    }

    private static Instant signedAt(JsonNode r) {
        return Instant.ofEpochSecond(r.get("timestamp").asLong());
    }

    private static JsonNode load() {
        try (InputStream in = DjangoSignedCookieVectorsTest.class.getResourceAsStream("/django-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("/django-vectors.json not on the test classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
