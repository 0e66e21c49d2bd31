package io.sessions4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.engine.db.DbSettings;
import io.sessions4j.servlet.SessionFilter;
import io.sessions4j.servlet.SessionListeners;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.mock.web.MockServletContext;

/** What the auto-configuration builds from the Environment, without a server (fast: no port, no HTTP). */
class SessionsAutoConfigurationTest {
    private static final String SECRET = "sessions.secret.key=auto-configuration-test-secret";

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SessionsAutoConfiguration.class));
    }

    private String h2(String name) {
        return "spring.datasource.url=jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    @Test
    @DisplayName("H1 Settings come from the Environment: properties, relaxed environment variables and placeholders")
    void settingsFromEnvironment() {
        runner().withPropertyValues(SECRET, h2("env"), "sessions.cookie.name=bootsession",
                        "sessions.cookie.age=${session.age.days:7}00", "SESSIONS_COOKIE_SAMESITE=Strict")
                .withSystemProperties("sessions.cookie.secure=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SessionSettings settings = context.getBean(SessionSettings.class);
                    assertThat(settings.get(CoreSettings.COOKIE_NAME)).isEqualTo("bootsession");
                    assertThat(settings.get(CoreSettings.COOKIE_AGE)).isEqualTo(700);
                    assertThat(settings.get(CoreSettings.COOKIE_SECURE)).isTrue();
                    assertThat(settings.get(CoreSettings.COOKIE_HTTPONLY)).as("default").isTrue();
                });
    }

    @Test
    @DisplayName("H1 A bad value or an unknown sessions.* key fails the start naming the key, as in sessions.properties")
    void badSettingsFailTheStart() {
        runner().withPropertyValues(SECRET, h2("bad"), "sessions.cookie.samesite=Sometimes").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(SessionConfigurationException.class)
                        .hasMessageContaining("sessions.cookie.samesite").hasMessageContaining("Sometimes")
                        .hasMessageContaining("one of Lax, Strict, None, false"));
        runner().withPropertyValues(SECRET, h2("typo"), "sessions.cookie.agee=5").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(SessionConfigurationException.class)
                        .hasMessageContaining("Unknown setting sessions.cookie.agee").hasMessageContaining("sessions.cookie.age"));
    }

    @Test
    @DisplayName("H1 No secret: the start fails saying where to set sessions.secret.key; no sessions.properties is asked for")
    void missingSecretFailsClearly() {
        runner().withPropertyValues(h2("nosecret")).run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(SessionConfigurationException.class)
                        .hasMessageContaining("sessions.secret.key is required")
                        .hasMessageContaining("application.properties").hasMessageContaining("SESSIONS_SECRET_KEY")
                        .hasMessageNotContaining("sessions.properties"));
    }

    @Test
    @DisplayName("A bad setting is reported by Boot's failure analysis: the key and where to fix it")
    void failureAnalysisNamesTheKey() {
        SessionConfigurationException bad = new SessionConfigurationException("Invalid value 'x' for sessions.cookie.age");
        org.springframework.boot.diagnostics.FailureAnalysis analysis = new SessionConfigurationFailureAnalyzer()
                .analyze(new IllegalStateException("bean creation", bad));
        assertThat(analysis.getDescription()).contains("sessions.cookie.age");
        assertThat(analysis.getAction()).contains("application.properties", "SESSIONS_");
    }

    @Test
    @DisplayName("db engine on the application's DataSource: table and its own Flyway history there; the DataSource outlives the engine")
    void dbEngineUsesTheApplicationDataSource() throws Exception {
        DataSource[] appDataSource = new DataSource[1];
        runner().withPropertyValues(SECRET, h2("app")).run(context -> {
            assertThat(context).hasNotFailed();
            SessionEngine engine = context.getBean(SessionEngine.class);
            SessionStore store = engine.open(null);
            store.put("k", "v");
            store.save();
            DataSource dataSource = context.getBean(DataSource.class);
            appDataSource[0] = dataSource;
            try (Connection c = dataSource.getConnection();
                 ResultSet rows = c.createStatement().executeQuery(
                         "SELECT count(*) FROM \"" + DbSettings.DEFAULT_TABLE + "\" WHERE \"session_key\" = '" + store.getSessionKey() + "'");
                 ResultSet tables = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
                java.util.List<String> names = new java.util.ArrayList<>();
                while (tables.next()) {
                    names.add(tables.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                }
                assertThat(names).contains(DbSettings.DEFAULT_TABLE, DbSettings.DEFAULT_TABLE + "_s4j_history")
                        .doesNotContain("flyway_schema_history");
            }
            // Closing the engine (as the context does) leaves the application's pool open.
            engine.close();
            assertThat(((HikariDataSource) dataSource).isClosed()).isFalse();
            try (Connection c = dataSource.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
        });
        assertThat(((HikariDataSource) appDataSource[0]).isClosed()).as("closed by Boot with the context").isTrue();
    }

    @Test
    @DisplayName("The engine is closed with the application context")
    void engineClosedWithTheContext() {
        io.sessions4j.testkit.InMemorySessionStorage[] storage = new io.sessions4j.testkit.InMemorySessionStorage[1];
        runner().withPropertyValues(SECRET, h2("close"), "sessions.engine=memory").run(context -> {
            io.sessions4j.api.StorageSessionEngine engine = (io.sessions4j.api.StorageSessionEngine) context.getBean(SessionEngine.class);
            SessionStore store = engine.open(null);
            store.put("k", "v");
            store.save();
            storage[0] = (io.sessions4j.testkit.InMemorySessionStorage) engine.storage();
            assertThat(storage[0].records()).hasSize(1);
        });
        assertThat(storage[0].records()).as("closing the in-memory storage empties it").isEmpty();
    }

    @Test
    @DisplayName("sessions.db.url set: the engine keeps a database of its own, the application's DataSource untouched")
    void dbUrlWinsOverTheApplicationDataSource() {
        String own = "jdbc:h2:file:" + dir.resolve("own").toAbsolutePath();
        runner().withPropertyValues(SECRET, h2("app2"), "sessions.db.url=" + own).run(context -> {
            assertThat(context).hasNotFailed();
            SessionStore store = context.getBean(SessionEngine.class).open(null);
            store.put("k", "v");
            store.save();
            try (Connection c = context.getBean(DataSource.class).getConnection();
                 ResultSet tables = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (tables.next()) {
                    assertThat(tables.getString("TABLE_NAME")).as("no session table in the application's database")
                            .doesNotContainIgnoringCase("session");
                }
            }
        });
    }

    @Test
    @DisplayName("Web application: the filter runs before Spring Security's chain; listener beans reach SessionListeners")
    void filterOrderAndListeners() {
        HttpSessionListener listener = new HttpSessionListener() {
            @Override
            public void sessionCreated(HttpSessionEvent se) {
            }
        };
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SessionsAutoConfiguration.class))
                .withPropertyValues(SECRET, h2("web"))
                .withBean("appListener", HttpSessionListener.class, () -> listener)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FilterRegistrationBean<?> registration = context.getBean("sessionFilterRegistration", FilterRegistrationBean.class);
                    assertThat(registration.getFilter()).isInstanceOf(SessionFilter.class);
                    assertThat(registration.getOrder()).isEqualTo(SessionsAutoConfiguration.FILTER_ORDER)
                            .isLessThan(org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties.DEFAULT_FILTER_ORDER);
                    assertThat(((SessionFilter) registration.getFilter()).engine()).isSameAs(context.getBean(SessionEngine.class));

                    MockServletContext servletContext = new MockServletContext();
                    for (ServletContextInitializer initializer : context.getBeansOfType(ServletContextInitializer.class).values()) {
                        if (!(initializer instanceof FilterRegistrationBean)) {
                            initializer.onStartup(servletContext);
                        }
                    }
                    assertThat(servletContext.getAttribute(SessionListeners.ATTRIBUTE)).isSameAs(SessionListeners.of(servletContext));
                    assertThat(SessionListeners.of(servletContext).all()).contains(listener)
                            .hasAtLeastOneElementOfType(io.sessions4j.spring.boot.security.SecurityPrincipalBinding.class)
                            .hasSize(2);
                });
    }
}
