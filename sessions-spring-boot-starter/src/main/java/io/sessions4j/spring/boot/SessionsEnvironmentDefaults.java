package io.sessions4j.spring.boot;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults the starter gives Spring properties, at the lowest precedence: any setting of the application wins.
 *
 * <p>{@value #PUBLISH_REQUEST_HANDLED_EVENTS} = {@code false}: Spring MVC's {@code ServletRequestHandledEvent}
 * carries the session id, read with {@code HttpSession.getId()} after the handler returned. A session created in
 * that request has no key yet, and giving it one stores it (Django's {@code create()}): even when the request
 * failed with a 500, or after a concurrent logout refused its key change, an unreachable record would stay behind
 * (CONFORMANCE F5, E6), and every new session would cost one more write. An application that listens to the event
 * sets the property back to {@code true} and accepts that.
 *
 * <p>Boot 4's {@code org.springframework.boot.EnvironmentPostProcessor} does not exist in Boot 3.5, which the starter
 * also serves; Boot 4 still loads the older {@code org.springframework.boot.env} one, so this is that one.
 */
@SuppressWarnings({"deprecation", "removal"})
public final class SessionsEnvironmentDefaults implements EnvironmentPostProcessor {
    /** Spring Boot's switch for {@code ServletRequestHandledEvent}. */
    public static final String PUBLISH_REQUEST_HANDLED_EVENTS = "spring.mvc.publish-request-handled-events";
    private static final String SOURCE = "sessions4jDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Last, below the application's own sources. Not Boot's DefaultPropertiesPropertySource: it moved package
        // between Boot 3.5 and 4.
        if (!environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                    Map.of(PUBLISH_REQUEST_HANDLED_EVENTS, "false")));
        }
    }
}
