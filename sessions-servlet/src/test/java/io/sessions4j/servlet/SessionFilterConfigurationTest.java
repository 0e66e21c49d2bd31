package io.sessions4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.InMemorySessionStorage;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the filter is built: from an engine, from settings, or from web.xml init parameters. */
class SessionFilterConfigurationTest {
    private static final String SECRET = "configuration-test-secret";

    @TempDir
    Path dir;

    @Test
    @DisplayName("init-param config=<file>: settings read from the file; sessions.* params override it")
    void initReadsPropertiesFileAndOverrides() throws IOException {
        Path file = dir.resolve("sessions.properties");
        Files.writeString(file, "sessions.engine=memory\nsessions.secret.key=" + SECRET + "\nsessions.cookie.name=fromfile\n");
        SessionFilter filter = new SessionFilter();

        filter.init(config(Map.of("config", file.toString(), "sessions.cookie.age", "60")));
        try {
            assertThat(filter.engine().name()).isEqualTo("memory");
            assertThat(filter.engine().settings().get(CoreSettings.COOKIE_NAME)).isEqualTo("fromfile");
            assertThat(filter.engine().settings().get(CoreSettings.COOKIE_AGE)).isEqualTo(60);
        } finally {
            filter.destroy();
        }
    }

    @Test
    @DisplayName("No config param: sessions.* init params alone configure the filter")
    void initFromParametersOnly() {
        SessionFilter filter = new SessionFilter();

        filter.init(config(Map.of("sessions.engine", "memory", "sessions.secret.key", SECRET)));
        try {
            assertThat(filter.engine().name()).isEqualTo("memory");
        } finally {
            filter.destroy();
        }
    }

    @Test
    @DisplayName("config=classpath:<resource> reads a class path resource")
    void initFromClasspathResource() {
        SessionFilter filter = new SessionFilter();

        filter.init(config(Map.of("config", "classpath:servlet-test-sessions.properties")));
        try {
            assertThat(filter.engine().settings().get(CoreSettings.COOKIE_NAME)).isEqualTo("fromresource");
        } finally {
            filter.destroy();
        }
    }

    @Test
    @DisplayName("H1 A bad setting or a missing file fails at init, naming it")
    void badConfigurationFailsAtInit() {
        assertThatThrownBy(() -> new SessionFilter().init(config(Map.of("config", dir.resolve("missing.properties").toString()))))
                .isInstanceOf(SessionConfigurationException.class).hasMessageContaining("missing.properties");
        assertThatThrownBy(() -> new SessionFilter().init(config(Map.of("sessions.engine", "memory",
                "sessions.secret.key", SECRET, "sessions.cookie.samesite", "Sometimes"))))
                .isInstanceOf(SessionConfigurationException.class).hasMessageContaining("sessions.cookie.samesite");
    }

    @Test
    @DisplayName("H1 No config param and no sessions.properties: defaults + environment; a missing secret names the key")
    void noSettingsFileNeeded() {
        assertThat(Thread.currentThread().getContextClassLoader().getResource("sessions.properties")).isNull();
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("SESSIONS_SECRET_KEY") == null);

        assertThatThrownBy(() -> new SessionFilter().init(config(Map.of())))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.secret.key is required")
                .hasMessageContaining("SESSIONS_SECRET_KEY")
                .hasMessageNotContaining("not found");
    }

    @Test
    @DisplayName("A filter built from settings owns its engine and closes it in destroy(); one built on an engine does not")
    void ownsOnlyTheEngineItLoaded() {
        SessionSettings settings = SessionSettings.of(Map.of("sessions.engine", "memory", "sessions.secret.key", SECRET));
        SessionFilter owning = new SessionFilter(settings);
        StorageSessionEngine owned = (StorageSessionEngine) owning.engine();
        owned.open(null).put("k", "v");
        owned.open(null).save();
        InMemorySessionStorage ownedStorage = (InMemorySessionStorage) owned.storage();
        assertThat(ownedStorage.records()).isNotEmpty();

        owning.destroy();
        assertThat(ownedStorage.records()).as("closed").isEmpty();

        InMemorySessionStorage appStorage = new InMemorySessionStorage();
        StorageSessionEngine appEngine = new StorageSessionEngine("memory", settings, java.time.Clock.systemUTC(), appStorage);
        appEngine.open(null).save();
        SessionFilter borrowing = new SessionFilter(appEngine);
        borrowing.init(config(Map.of("sessions.engine", "ignored")));
        borrowing.destroy();
        assertThat(appStorage.records()).as("left open").hasSize(1);
        assertThat(borrowing.engine()).isSameAs(appEngine);
    }

    @Test
    @DisplayName("SessionFilter.store() outside the filter says the filter is missing")
    void storeOutsideTheFilterFails() {
        ServletRequest bare = (ServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletRequest.class}, (proxy, method, args) -> null);
        assertThatThrownBy(() -> SessionFilter.store(bare))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SessionFilter");
    }

    private static FilterConfig config(Map<String, String> params) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "sessions";
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }
}
