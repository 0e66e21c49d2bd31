package io.sessions4j.spring.boot;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.spi.SessionEngineProvider;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * {@link SessionSettings} from Spring's {@link Environment}: the same {@code sessions.*} keys, written in
 * {@code application.properties}, YAML, profile files, command-line arguments or environment variables
 * ({@code SESSIONS_COOKIE_AGE} for {@code sessions.cookie.age}), with Spring's precedence between them. The values
 * then go through {@link SessionSettings} unchanged: the same validation and the same messages as a
 * {@code sessions.properties} file, which is never needed.
 *
 * <p>Every {@code sessions.*} name found in an enumerable property source is passed on, so a misspelt key
 * fails at start-up naming the known ones, as it does elsewhere.
 */
public final class EnvironmentSessionSettings {
    private static final String PREFIX = "sessions.";

    private EnvironmentSessionSettings() {
    }

    /**
     * Reads every known {@code sessions.*} key (core and every engine on the class path) and every other
     * {@code sessions.*} name the environment lists.
     *
     * @throws SessionConfigurationException naming the key when a value is bad, a key unknown, or the secret missing
     */
    public static SessionSettings from(Environment environment) {
        Set<String> names = new LinkedHashSet<>();
        CoreSettings.ALL.forEach(s -> names.add(s.key()));
        for (SessionEngineProvider provider : SessionEngines.providers()) {
            provider.settings().forEach(s -> names.add(s.key()));
        }
        String engine = environment.getProperty(CoreSettings.ENGINE.key());
        if (engine != null && engine.contains(".")) {
            // A provider named by class: its keys are known only through it.
            SessionEngines.provider(engine).settings().forEach(s -> names.add(s.key()));
        }
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        if (name.startsWith(PREFIX)) {
                            names.add(name);
                        }
                    }
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            // getProperty applies Spring's precedence, relaxed environment-variable names and ${...} placeholders.
            String value = environment.getProperty(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        String secret = values.get(CoreSettings.SECRET_KEY.key());
        if (secret == null || secret.isBlank()) {
            throw new SessionConfigurationException(CoreSettings.SECRET_KEY.key() + " is required: set it in "
                    + "application.properties (or YAML, a profile, a command-line argument) or in the environment variable "
                    + CoreSettings.SECRET_KEY.environmentVariable()
                    + "; use the same secret on every instance and keep it out of version control");
        }
        // Placeholders and environment variables were resolved by Spring above: none are applied twice.
        return SessionSettings.from(values, Map.of());
    }
}
