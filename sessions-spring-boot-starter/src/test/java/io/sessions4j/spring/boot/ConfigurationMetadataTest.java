package io.sessions4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sessions4j.api.CoreSettings;
import io.sessions4j.spi.SessionEngineProvider;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.Setting;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code META-INF/spring-configuration-metadata.json} (IDE completion of the {@code sessions.*} keys in
 * {@code application.properties} and YAML) is generated from the {@link Setting} list of the core and of every
 * built-in engine. This test regenerates it and fails when the checked-in file differs, writing the fresh one to
 * {@code target/spring-configuration-metadata.json}: copy it over after adding or changing a setting.
 */
class ConfigurationMetadataTest {
    private static final String RESOURCE = "META-INF/spring-configuration-metadata.json";
    private static final String TEST_ENGINE = "memory";

    @Test
    @DisplayName("H1 The IDE metadata lists every sessions.* key of the core and of every built-in engine, with defaults")
    void metadataListsEverySetting() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String expected = json.writeValueAsString(metadata()) + "\n";
        Files.writeString(Path.of("target", "spring-configuration-metadata.json"), expected);

        String shipped;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE + " in the starter's jar").isNotNull();
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(shipped).as("regenerate: cp target/spring-configuration-metadata.json src/main/resources/" + RESOURCE)
                .isEqualTo(expected);
        assertThat(shipped).contains("\"sessions.secret.key\"", "\"sessions.db.url\"", "\"sessions.cache.url\"",
                "\"sessions.file.path\"", "\"sessions.principal.key\"");
    }

    private static Map<String, Object> metadata() {
        Map<String, Setting<?>> settings = new TreeMap<>();
        CoreSettings.ALL.forEach(s -> settings.put(s.key(), s));
        List<String> engines = new ArrayList<>();
        for (SessionEngineProvider provider : SessionEngines.providers()) {
            if (!provider.name().equals(TEST_ENGINE)) {
                engines.add(provider.name());
                provider.settings().forEach(s -> settings.put(s.key(), s));
            }
        }
        engines.sort(null);
        List<Map<String, Object>> properties = new ArrayList<>();
        List<Map<String, Object>> hints = new ArrayList<>();
        for (Setting<?> setting : settings.values()) {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("name", setting.key());
            property.put("type", type(setting));
            property.put("description", setting.description() + ". Allowed: " + setting.allowed() + ".");
            property.put("sourceType", "io.sessions4j.api.SessionSettings");
            if (setting.defaultValue() != null && !setting.defaultValue().isEmpty()) {
                Object parsed = setting.parse(setting.defaultValue());
                property.put("defaultValue", parsed instanceof Number || parsed instanceof Boolean ? parsed : setting.defaultValue());
            }
            properties.add(property);
            List<String> choices = setting == CoreSettings.ENGINE ? engines : choices(setting.allowed());
            if (!choices.isEmpty()) {
                List<Map<String, Object>> values = new ArrayList<>();
                choices.forEach(c -> values.add(Map.of("value", c)));
                hints.add(ordered("name", setting.key(), "values", values));
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> group = ordered("name", "sessions", "type", "io.sessions4j.api.SessionSettings");
        group.put("description", "sessions4j: Django-style sessions (same keys as sessions.properties)");
        root.put("groups", List.of(group));
        root.put("properties", properties);
        root.put("hints", hints);
        return root;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static String type(Setting<?> setting) {
        if (setting.defaultValue() == null) {
            return "java.lang.String";
        }
        Object parsed = setting.parse(setting.defaultValue());
        if (parsed instanceof List) {
            return "java.util.List<java.lang.String>";
        }
        return parsed == null ? "java.lang.String" : parsed.getClass().getName();
    }

    private static List<String> choices(String allowed) {
        if (allowed.startsWith("one of ")) {
            return List.of(allowed.substring("one of ".length()).split(", "));
        }
        if (allowed.equals("true or false")) {
            return List.of();
        }
        return List.of();
    }
}
