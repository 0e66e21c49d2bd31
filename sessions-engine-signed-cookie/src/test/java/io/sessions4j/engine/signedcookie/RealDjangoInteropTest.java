package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.signing.DjangoJson;
import java.math.BigDecimal;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.RealDjango;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D3/G2-style interoperability with a real Django ({@code python3-django}): cookies made here load in
 * Django's {@code signed_cookies} backend and the other way round, given the same secret, at the real
 * current time. Skips when no Python with Django is found; fails instead when
 * {@code SESSIONS_TEST_REQUIRE_DJANGO=true} (CI, with python3-django installed). The interpreter is
 * {@code SESSIONS_TEST_PYTHON}, else the first of {@code /usr/bin/python3} and {@code python3} that
 * imports Django.
 */
class RealDjangoInteropTest {
    // Django's JSON (Python's json module) writes and reads NaN and Infinity as bare tokens; so does this mapper.
    private static final ObjectMapper JSON = DjangoJson.mapper();
    private static String python;

    @TempDir
    static Path dir;
    private static Path script;

    private final MutableClock clock = MutableClock.startingNow();
    private final StorageSessionEngine engine = Engines.engine(clock);

    @BeforeAll
    static void findDjango() throws IOException {
        python = RealDjango.python();
        script = dir.resolve("django_signed_cookies.py");
        try (InputStream in = RealDjangoInteropTest.class.getResourceAsStream("/interop/django_signed_cookies.py")) {
            Files.copy(in, script);
        }
    }

    @Test
    @DisplayName("D3 cookies made here load in Django with the same data")
    void d3_oursLoadInDjango() throws Exception {
        List<Map<String, Object>> sessions = sessions();
        List<String> cookies = new ArrayList<>();
        for (Map<String, Object> data : sessions) {
            SessionStore s = engine.open(null);
            s.putAll(data);
            s.save();
            cookies.add(s.getSessionKey());
        }
        JsonNode loaded = django(cookies, List.of()).get("loaded");
        for (int i = 0; i < sessions.size(); i++) {
            assertThat(loaded.get(i)).as("session %d in Django", i).isEqualTo(JSON.valueToTree(sessions.get(i)));
        }
    }

    @Test
    @DisplayName("D3 cookies made by Django load here with the same data")
    void d3_djangosLoadHere() throws Exception {
        List<Map<String, Object>> sessions = sessions();
        JsonNode dumped = django(List.of(), sessions).get("dumped");
        for (int i = 0; i < sessions.size(); i++) {
            SessionStore s = engine.open(dumped.get(i).asText());
            JsonNode loaded = JSON.valueToTree(new LinkedHashMap<>(s));
            assertThat(loaded).as("Django's session %d here", i).isEqualTo(JSON.valueToTree(sessions.get(i)));
        }
    }

    @Test
    @DisplayName("A16 exact decimals, NaN/Infinity tokens and typed values we write load in Django; Django's NaN loads here")
    void a16_numbersAndTypedValuesInterop() throws Exception {
        SessionStore s = Engines.engine(clock, "sessions.serializer.allowed_types", "java.time.*").open(null);
        s.put("money", new BigDecimal("12345678901234567.89"));
        s.put("huge", new BigDecimal("1e400"));
        s.put("nan", Double.NaN);
        s.put("inf", Double.POSITIVE_INFINITY);
        s.put("ninf", Double.NEGATIVE_INFINITY);
        s.put("user", "ada");
        s.putTyped("visits", 3L);
        s.save();

        JsonNode loaded = django(List.of(s.getSessionKey()), List.of()).get("loaded").get(0);
        assertThat(loaded.get("money").doubleValue()).isEqualTo(12345678901234567.89);
        assertThat(loaded.get("huge").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(loaded.get("nan").doubleValue()).isNaN();
        assertThat(loaded.get("inf").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(loaded.get("ninf").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(loaded.get("user").asText()).isEqualTo("ada");
        assertThat(loaded.get("visits")).isEqualTo(JSON.readTree("{\"@type\":\"java.lang.Long\",\"@value\":3}"));

        Map<String, Object> special = new LinkedHashMap<>();
        special.put("nan", Double.NaN);
        special.put("inf", Double.POSITIVE_INFINITY);
        special.put("ninf", Double.NEGATIVE_INFINITY);
        SessionStore here = engine.open(django(List.of(), List.of(special)).get("dumped").get(0).asText());
        assertThat(here.get("nan")).isEqualTo(Double.NaN);
        assertThat(here.get("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(here.get("ninf")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    @DisplayName("G7 Django rejects what we reject: tampered, foreign-secret and encrypted cookies load as {} there")
    void g7_djangoRejectsTheSame() throws Exception {
        SessionStore s = engine.open(null);
        s.put("user_id", 42);
        s.save();
        String good = s.getSessionKey();
        String tampered = good.substring(0, 2) + (good.charAt(2) == 'A' ? 'B' : 'A') + good.substring(3);
        SessionStore foreign = Engines.engine(clock, "sessions.secret.key", Engines.OTHER_SECRET).open(null);
        foreign.put("user_id", 42);
        foreign.save();
        SessionStore encrypted = Engines.engine(clock, "sessions.signed_cookies.encrypt", "true").open(null);
        encrypted.put("user_id", 42);
        encrypted.save();

        JsonNode loaded = django(List.of(good, tampered, foreign.getSessionKey(), encrypted.getSessionKey()), List.of())
                .get("loaded");
        assertThat(loaded.get(0).get("user_id").asInt()).as("the control loads").isEqualTo(42);
        for (int i = 1; i < 4; i++) {
            assertThat(loaded.get(i).isEmpty()).as("cookie %d in Django", i).isTrue();
        }
        assertThat(engine.open(tampered).get("user_id")).isNull();
        assertThat(engine.open(foreign.getSessionKey()).get("user_id")).isNull();
    }

    /** Sessions exercising what the JSON mapping must agree on. */
    private static List<Map<String, Object>> sessions() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, "two", List.of(3.5, false)));
        nested.put("none", null);
        Map<String, Object> rich = new LinkedHashMap<>();
        rich.put("user_id", 985379943);
        rich.put("name", "用户 ✓ ünïcödé \uD83D\uDE00");
        rich.put("big", 1L << 40);
        rich.put("price", 94.97);
        rich.put("is_login", true);
        rich.put("nested", nested);
        rich.put("_session_expiry", 3600);
        Map<String, Object> withDate = new LinkedHashMap<>();
        withDate.put("cart", List.of(Map.of("sku", "abc", "qty", 2)));
        withDate.put("_session_expiry", "2099-01-01T00:00:00+00:00");
        return List.of(Map.of("k", "v"), rich, withDate, Map.of());
    }

    private JsonNode django(List<String> load, List<Map<String, Object>> dump) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.put("secret", Engines.SECRET);
        request.set("load", JSON.valueToTree(load));
        request.set("dump", JSON.valueToTree(dump));
        Process process = new ProcessBuilder(python, script.toString())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(request));
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
        return JSON.readTree(new String(out, StandardCharsets.UTF_8));
    }
}
