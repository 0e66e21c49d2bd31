package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionEnginesTest {

    @Test
    @DisplayName("H2 sessions.engine names a built-in engine found by ServiceLoader")
    void h2_builtInByName() {
        try (SessionEngine engine = SessionEngines.load(SessionSettings.of(Map.of("sessions.secret.key", "x",
                "sessions.engine", "memory")))) {
            assertThat(engine.name()).isEqualTo("memory");
        }
    }

    @Test
    @DisplayName("H2 sessions.engine names a provider class")
    void h2_providerClass() {
        try (SessionEngine engine = SessionEngines.load(SessionSettings.of(Map.of("sessions.secret.key", "x",
                "sessions.engine", InMemoryEngineProvider.class.getName())))) {
            assertThat(engine.name()).isEqualTo("memory");
        }
    }

    @Test
    @DisplayName("H2 an unknown engine lists the available ones")
    void h2_unknownEngineListsAvailable() {
        SessionSettings settings = SessionSettings.of(Map.of("sessions.secret.key", "x", "sessions.engine", "mongo"));
        assertThatThrownBy(() -> SessionEngines.load(settings))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("'mongo'").hasMessageContaining("[memory]");
        assertThatThrownBy(() -> SessionEngines.load(SessionSettings.of(Map.of("sessions.secret.key", "x",
                "sessions.engine", "java.lang.String")))).hasMessageContaining("is not a");
    }
}
