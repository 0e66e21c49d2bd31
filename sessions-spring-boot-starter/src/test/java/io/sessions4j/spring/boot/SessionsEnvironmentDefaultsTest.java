package io.sessions4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SessionsEnvironmentDefaultsTest {
    private static final String KEY = SessionsEnvironmentDefaults.PUBLISH_REQUEST_HANDLED_EVENTS;

    @Test
    @DisplayName("ServletRequestHandledEvent is off by default: its HttpSession.getId() would store a new session early")
    void requestHandledEventsOffByDefault() {
        StandardEnvironment environment = new StandardEnvironment();

        new SessionsEnvironmentDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(KEY, Boolean.class)).isFalse();
    }

    @Test
    @DisplayName("The application's own setting wins over the starter's default")
    void applicationSettingWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", Map.of(KEY, "true")));

        new SessionsEnvironmentDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(KEY, Boolean.class)).isTrue();
    }
}
