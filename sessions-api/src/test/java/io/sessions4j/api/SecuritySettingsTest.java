package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.testlog.LogCapture;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue #21 items 6–8: cookie attributes checked at start-up, weak secrets warned about, secrets never echoed. */
class SecuritySettingsTest {
    private static final String STRONG_SECRET = "q8Zt3vW1xK9mP2rL7nB4yH6jC0dF5gS-aE_uR1oI3tY8wQ2eZ4xV7bN9mK";
    private static final String WEAK_SECRET = "WeakButLongerThanEight";

    private static SessionSettings settings(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("sessions.secret.key", STRONG_SECRET);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return SessionSettings.of(props);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com; Secure", "example.com\r\nSet-Cookie: x=y", "exa mple.com", "example..com",
            "-example.com", "example.com.", "ex\u0000ample.com", "exämple.com"})
    @DisplayName("H1 sessions.cookie.domain accepts RFC 6265 host names only; the error names the key")
    void badDomainRefused(String domain) {
        assertThatThrownBy(() -> settings("sessions.cookie.domain", domain))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cookie.domain")
                .hasMessageNotContaining("\r").hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", ".example.com", "sub-1.example.co.uk", "localhost", "127.0.0.1"})
    @DisplayName("H1 ordinary domains pass")
    void goodDomainAccepted(String domain) {
        assertThat(settings("sessions.cookie.domain", domain).get(CoreSettings.COOKIE_DOMAIN)).isEqualTo(domain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app\r\nSet-Cookie: x=y", "/app\n", "/a;b", "/\u007f", "/tab\there", "/päth"})
    @DisplayName("H1 sessions.cookie.path refuses CR, LF, other controls, ';' and non-ASCII, naming the key")
    void badPathRefused(String path) {
        assertThatThrownBy(() -> settings("sessions.cookie.path", path))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cookie.path")
                .hasMessageNotContaining("\r").hasMessageNotContaining("\n");
    }

    @Test
    @DisplayName("H1 __Host- needs Secure, no Domain and Path=/; __Secure- needs Secure (else browsers drop the cookie)")
    void cookiePrefixes() {
        assertThatThrownBy(() -> settings("sessions.cookie.name", "__Host-sid"))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cookie.name").hasMessageContaining("sessions.cookie.secure");
        assertThatThrownBy(() -> settings("sessions.cookie.name", "__Host-sid", "sessions.cookie.secure", "true",
                "sessions.cookie.domain", "example.com"))
                .hasMessageContaining("sessions.cookie.domain");
        assertThatThrownBy(() -> settings("sessions.cookie.name", "__Host-sid", "sessions.cookie.secure", "true",
                "sessions.cookie.path", "/app"))
                .hasMessageContaining("sessions.cookie.path");
        assertThatThrownBy(() -> settings("sessions.cookie.name", "__Secure-sid"))
                .hasMessageContaining("sessions.cookie.secure");
        assertThatCode(() -> settings("sessions.cookie.name", "__Host-sid", "sessions.cookie.secure", "true"))
                .doesNotThrowAnyException();
        assertThatCode(() -> settings("sessions.cookie.name", "__Secure-sid", "sessions.cookie.samesite", "None",
                "sessions.cookie.domain", "example.com", "sessions.cookie.path", "/app"))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("H1 a weak secret (Django W009) starts with a warning naming the key, never the value")
    void weakSecretWarned() {
        try (LogCapture.Recording log = LogCapture.record()) {
            SessionSettings.of(Map.of("sessions.secret.key", WEAK_SECRET));
            SessionSettings.of(Map.of("sessions.secret.key", "ab".repeat(40))); // long, but 2 distinct characters
            SessionSettings.of(Map.of("sessions.secret.key", STRONG_SECRET,
                    "sessions.secret.key.fallbacks", "x," + STRONG_SECRET));
            assertThat(log.lines()).filteredOn(l -> l.startsWith("WARN ") && l.contains("weak"))
                    .hasSize(3)
                    .allSatisfy(l -> assertThat(l).doesNotContain(WEAK_SECRET).doesNotContain("abab"))
                    .anySatisfy(l -> assertThat(l).contains("sessions.secret.key.fallbacks (entry 1)"))
                    .filteredOn(l -> l.contains("sessions.secret.key is weak")).hasSize(2);
        }
    }

    @Test
    @DisplayName("H1 a strong secret starts silently")
    void strongSecretQuiet() {
        try (LogCapture.Recording log = LogCapture.record()) {
            settings();
            assertThat(log.lines()).noneMatch(l -> l.contains("weak"));
        }
    }

    @Test
    @DisplayName("S1 an unresolved placeholder is reported without the rest of the raw value")
    void placeholderErrorMasksValue() {
        assertThatThrownBy(() -> SessionSettings.from(Map.of("sessions.secret.key", "RealSecretPart-${NOPE}"), Map.of()))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.secret.key").hasMessageContaining("NOPE")
                .hasMessageNotContaining("RealSecretPart");
        assertThatThrownBy(() -> SessionSettings.from(Map.of("sessions.secret.key", STRONG_SECRET,
                "sessions.serializer", "redis://:hunter2pass@${REDIS_HOST}"), Map.of()))
                .hasMessageContaining("REDIS_HOST").hasMessageNotContaining("hunter2pass");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://:pa@ss@host", "redis://u:pa/ss@host", "redis://u:pa#ss@host", "redis://u:pa?ss@host"})
    @DisplayName("S1 a value shown in a message masks URL credentials whatever characters the password holds")
    void urlCredentialsMasked(String url) {
        Setting<Integer> setting = Setting.integer("sessions.x.url", 1, 1, 2, "d");
        assertThatThrownBy(() -> setting.parse(url)).hasMessageNotContaining("pa").hasMessageContaining("****@host");
    }
}
