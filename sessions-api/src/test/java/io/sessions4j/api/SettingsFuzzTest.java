package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of settings values ({@link Setting} parsers, {@link SessionSettings} with
 * {@code ${ENV}} placeholders and environment overrides): any text either gives a typed value or fails at
 * load time with {@link SessionConfigurationException} (H1), and a secret's value never appears in that
 * message (S1).
 *
 * <p>{@code sessions.engine} is not fuzzed: it names a class to load, which the operator chooses.
 *
 * <p>Every build replays {@code src/test/resources/io/sessions4j/api/SettingsFuzzTestInputs/};
 * {@code docs/reliability.md} gives the command that fuzzes for minutes.
 */
class SettingsFuzzTest {
    /** Markers around a fuzzed secret: finding either in a message means the secret was shown. */
    private static final String SECRET_START = "S3cr3t<";
    private static final String SECRET_END = ">t3rc3S";
    private static final String[] ENVIRONMENT_NAMES = {"SESSIONS_COOKIE_AGE", "SESSIONS_COOKIE_PATH", "APP_AGE",
        "APP_SECRET", "HOME", "X"};

    /** One core setting, any text. */
    @FuzzTest
    void oneValue(FuzzedDataProvider data) {
        Setting<?> setting = data.pickValue(CoreSettings.ALL.stream().filter(s -> s != CoreSettings.ENGINE).toList());
        String raw = data.consumeRemainingAsString();
        try {
            setting.parse(raw);
        } catch (SessionConfigurationException e) {
            assertThat(e.getMessage()).contains(setting.key());
        }
    }

    /** What the fuzzer found: an unset variable in the secret's value quoted the whole value in the error. */
    @Test
    @DisplayName("S1/H1 an unset placeholder in a secret names the variable, never the secret's other characters")
    void unsetPlaceholderInSecretIsNotShown() {
        assertThatThrownBy(() -> SessionSettings.from(Map.of("sessions.secret.key", "h4nt3r-${SESSIONS_FUZZ_UNSET}"), Map.of()))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("SESSIONS_FUZZ_UNSET")
                .message().doesNotContain("h4nt3r");
    }

    /** A whole configuration: keys (known or not), values with placeholders, and an environment. */
    @FuzzTest
    void wholeConfiguration(FuzzedDataProvider data) {
        Map<String, String> environment = new LinkedHashMap<>();
        int variables = data.consumeInt(0, 3);
        for (int i = 0; i < variables; i++) {
            environment.put(data.pickValue(ENVIRONMENT_NAMES), withoutMarkers(data.consumeString(30)));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(CoreSettings.ENGINE.key(), "db");
        properties.put(CoreSettings.SECRET_KEY.key(), SECRET_START + value(data, 40) + SECRET_END);
        int entries = data.consumeInt(0, 4);
        for (int i = 0; i < entries; i++) {
            String key = data.consumeBoolean()
                    ? data.pickValue(CoreSettings.ALL.stream().filter(s -> s != CoreSettings.ENGINE).toList()).key()
                    : "sessions." + withoutMarkers(data.consumeString(20));
            if (!key.equals(CoreSettings.ENGINE.key()) && !key.equals(CoreSettings.SECRET_KEY.key())) {
                properties.put(key, withoutMarkers(value(data, 60)));
            }
        }
        try {
            SessionSettings settings = SessionSettings.from(properties, environment);
            assertThat(settings.toString()).doesNotContain(SECRET_START).doesNotContain(SECRET_END);
        } catch (SessionConfigurationException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET_START).doesNotContain(SECRET_END);
        }
    }

    /**
     * Fuzzed text, sometimes around a {@code ${NAME}} or {@code ${NAME:default}} placeholder: the placeholder syntax
     * is matched by a regular expression, whose insides the fuzzer cannot see to learn it.
     */
    private static String value(FuzzedDataProvider data, int maxLength) {
        String head = data.consumeString(maxLength);
        if (!data.consumeBoolean()) {
            return head;
        }
        String name = data.consumeBoolean() ? data.pickValue(ENVIRONMENT_NAMES) : "MISSING_" + data.consumeInt(0, 9);
        String fallback = data.consumeBoolean() ? ":" + data.consumeString(10) : "";
        return head + "${" + name + fallback + "}" + data.consumeString(maxLength);
    }

    /**
     * Other values are echoed in messages by design; they never hold '<' or '>', so no marker can form in them,
     * not even where a placeholder's value meets the text around it.
     */
    private static String withoutMarkers(String s) {
        return s.replace("<", "").replace(">", "");
    }
}
