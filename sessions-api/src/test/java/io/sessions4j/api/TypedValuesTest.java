package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CONFORMANCE A16, second half: one allowlisted typed-value mechanism; the session stays a plain JSON object. */
class TypedValuesTest {
    record Profile(String name, long visits, BigDecimal balance, LocalDate since, List<Long> ids) {
    }

    enum Role {
        ADMIN {
            @Override
            public String toString() {
                return "an enum constant with a body";
            }
        },
        USER
    }

    record Holder(@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object inner) {
    }

    /** Not a record, not final, no default constructor: Jackson writes it but cannot build it without help. */
    static class Point {
        private final int x;

        Point(int x) {
            this.x = x;
        }

        public int getX() {
            return x;
        }
    }

    abstract static class PointMixin {
        @JsonCreator
        PointMixin(@JsonProperty("x") int x) {
        }
    }

    private final JsonSessionSerializer json = new JsonSessionSerializer();
    private final TypedValues typed = new TypedValues(List.of(Profile.class.getName(), "io.sessions4j.api.TypedValuesTest$Role"));

    /** What the next request sees: the typed form through the session's own JSON, then decoded. */
    private Object nextRequest(Object value) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("k", typed.encode(value));
        return typed.decode(json.deserialize(json.serialize(session)).get("k"), () -> "test");
    }

    @Test
    @DisplayName("A16 records, enums, Long, BigDecimal (with its scale), java.time and UUID come back as their types")
    void valuesComeBackAsTheirTypes() {
        Profile ada = new Profile("Ada", 3, new BigDecimal("12345678901234567.10"), LocalDate.of(2026, 11, 30),
                List.of(1L, 1L << 40));
        for (Object value : List.of(ada, Role.ADMIN, 7L, 7.5f, (short) 3, 'x', new BigDecimal("1.10"),
                Duration.ofMinutes(90), new java.util.Date(1764486000123L), UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
                List.of(ada, 5L), Map.of("p", ada), new LinkedHashSet<>(List.of("a", "b")), Double.NaN)) {
            Object back = nextRequest(value);
            assertThat(back).as("%s", value).isEqualTo(value);
            if (!(value instanceof Iterable || value instanceof Map)) {
                assertThat(back).hasSameClassAs(value);
            }
        }
    }

    @Test
    @DisplayName("A16 values JSON already gives back stay plain; only values that need a type are wrapped, in place")
    void plainValuesStayPlain() {
        for (Object value : List.of("text", 42, 2.5, true, Long.MAX_VALUE, List.of("a", 1), Map.of("a", List.of(1)))) {
            assertThat(typed.encode(value)).as("%s", value).isEqualTo(value);
            assertThat(typed.decode(value, () -> "t")).as("read without copying").isSameAs(value);
        }
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("user", "ada");
        session.put("role", typed.encode(Role.USER));
        assertThat(new String(json.serialize(session), StandardCharsets.US_ASCII))
                .isEqualTo("{\"user\":\"ada\",\"role\":{\"@type\":\"io.sessions4j.api.TypedValuesTest$Role\",\"@value\":\"USER\"}}");
    }

    @Test
    @DisplayName("A16 a plain map shaped like a wrapper is escaped, so it is never mistaken for a type")
    void wrapperShapedMapIsEscaped() {
        Map<String, Object> lookalike = Map.of("@type", "java.lang.Runtime", "@value", 1);
        assertThat(nextRequest(lookalike)).isEqualTo(lookalike);
    }

    @Test
    @DisplayName("A16 a type outside the allowlist is refused at put, naming the type and how to allow it")
    void unlistedTypeIsRefusedAtPut() {
        assertThatThrownBy(() -> typed.encode(new Point(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.sessions4j.api.TypedValuesTest$Point is not allowed")
                .hasMessageContaining("sessions.serializer.allowed_types")
                .hasMessageContaining("io.sessions4j.api.*");
        assertThatThrownBy(() -> typed.encode(List.of(new Point(1)))).hasMessageContaining("is not allowed");
        assertThatThrownBy(() -> typed.encode(Map.of(1, "one"))).hasMessageContaining("String map keys");
    }

    @Test
    @DisplayName("A16 an allowed type Jackson cannot read back is refused at put; a plugged Jackson module fixes it")
    void unreadableTypeIsRefusedAtPutUntilAModuleHelps() {
        typed.allow(Point.class);
        assertThatThrownBy(() -> typed.encode(new Point(4))).hasMessageContaining("cannot read it back");

        typed.registerModule(new SimpleModule().setMixInAnnotation(Point.class, PointMixin.class));
        assertThat(((Point) nextRequest(new Point(4))).getX()).isEqualTo(4);
    }

    @Test
    @DisplayName("A16 modules registered for some types (default typing, like Spring Security's) never touch other values")
    void scopedModulesStayWithTheirTypes() {
        SimpleModule defaultTyping = new SimpleModule() {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                // What SecurityJackson2Modules does to the mapper it is registered on.
                ((com.fasterxml.jackson.databind.ObjectMapper) context.getOwner()).activateDefaultTyping(
                        com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build(),
                        com.fasterxml.jackson.databind.ObjectMapper.DefaultTyping.NON_FINAL);
            }
        };
        typed.registerModules(List.of(defaultTyping), Point.class.getName());
        typed.registerModule(new SimpleModule().setMixInAnnotation(Point.class, PointMixin.class));

        @SuppressWarnings("unchecked")
        Map<String, Object> point = (Map<String, Object>) typed.encode(new Point(2));
        assertThat(point.get("@value")).isEqualTo(List.of(Point.class.getName(), Map.of("x", 2)));
        assertThat(((Point) nextRequest(new Point(2))).getX()).isEqualTo(2);
        Profile ada = new Profile("Ada", 1, BigDecimal.ONE, LocalDate.of(2026, 1, 1), List.of(2L));
        assertThat(typed.encode(ada).toString()).doesNotContain("java.util");
        assertThat(nextRequest(ada)).isEqualTo(ada);
    }

    @Test
    @DisplayName("A16 a stored type name outside the allowlist is never instantiated: WARN, read as null, rest of session kept")
    void unlistedStoredTypeIsNotInstantiated() {
        Map<String, Object> stored = json.deserialize(("{\"ok\":{\"@type\":\"io.sessions4j.api.TypedValuesTest$Role\","
                + "\"@value\":\"ADMIN\"},\"bad\":[{\"@type\":\"javax.management.BadAttributeValueExpException\",\"@value\":{}}],"
                + "\"gone\":{\"@type\":\"io.sessions4j.api.NoSuchClass\",\"@value\":{}}}").getBytes(StandardCharsets.US_ASCII));
        TypedValues all = new TypedValues(List.of("io.sessions4j.api.*", "io.sessions4j.api.TypedValuesTest$Role"));

        String log = capturingStderr(() -> {
            assertThat(all.decode(stored.get("bad"), () -> "session abcd…, attribute bad")).isEqualTo(java.util.Arrays.asList((Object) null));
            assertThat(all.decode(stored.get("gone"), () -> "session abcd…, attribute gone")).isNull();
            assertThat(all.decode(stored.get("ok"), () -> "ok")).isEqualTo(Role.ADMIN);
        });
        assertThat(log).contains("WARN").contains("session abcd…, attribute bad")
                .contains("javax.management.BadAttributeValueExpException is not allowed")
                .contains("io.sessions4j.api.NoSuchClass is not on the class path");
    }

    @Test
    @DisplayName("A16 classes named inside an allowed value by @JsonTypeInfo are checked against the same allowlist")
    void nestedClassNamesAreCheckedToo() {
        typed.allow(Holder.class);
        Object encoded = typed.encode(new Holder(Role.USER));
        assertThat(typed.decode(encoded, () -> "t")).isEqualTo(new Holder(Role.USER));

        Map<String, Object> forged = Map.of("@type", Holder.class.getName(), "@value",
                Map.of("inner", Map.of("@class", "java.lang.ProcessBuilder")));
        assertThat(capturingStderr(() -> assertThat(typed.decode(forged, () -> "forged")).isNull()))
                .contains("no longer reads as");
    }

    @Test
    @DisplayName("sessions.serializer.allowed_types takes class names and package prefixes; too broad entries fail at start-up")
    void allowedTypesSetting() {
        SessionSettings ok = SessionSettings.of(Map.of("sessions.secret.key", "s",
                "sessions.serializer.allowed_types", "com.example.model.*, com.example.Profile"));
        assertThat(ok.get(CoreSettings.ALLOWED_TYPES)).containsExactly("com.example.model.*", "com.example.Profile");
        TypedValues fromSettings = TypedValues.fromSettings(ok);
        assertThat(fromSettings.toString()).contains("com.example.model.*", "com.example.Profile");

        for (String bad : List.of("*", "java.*", "com.", "not a class")) {
            assertThatThrownBy(() -> SessionSettings.of(Map.of("sessions.secret.key", "s", "sessions.serializer.allowed_types", bad)).get(CoreSettings.ALLOWED_TYPES))
                    .isInstanceOf(SessionConfigurationException.class)
                    .hasMessageContaining("sessions.serializer.allowed_types");
        }
    }

    private static String capturingStderr(Runnable action) {
        return SignedJsonCodecTest.capturingStderr(() -> {
            action.run();
            return null;
        });
    }
}
