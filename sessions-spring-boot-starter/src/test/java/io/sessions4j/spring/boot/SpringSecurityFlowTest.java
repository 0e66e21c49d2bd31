package io.sessions4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStore;
import io.sessions4j.spring.boot.app.TestApplication;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Spring Boot application (embedded Tomcat, random port) with Spring Security's form login, driven over
 * HTTP with a cookie jar. Each subclass picks the storage; the application is started once per class (and once
 * more for the restart), to keep the suite short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpringSecurityFlowTest {
    static final String SECRET = "spring-boot-flow-test-secret";
    private ConfigurableApplicationContext app;
    private Map<String, String> storage;

    /** The {@code sessions.*} and {@code spring.*} properties of the storage under test; asked once per class. */
    protected abstract Map<String, String> storageProperties();

    /** Whether sessions survive a restart of the application (false for in-memory storage). */
    protected boolean survivesRestart() {
        return true;
    }

    protected int start() {
        if (storage == null) {
            storage = storageProperties(); // once: the restarted application must find the same table or prefix
        }
        Map<String, Object> props = new LinkedHashMap<>();
        // The application's own Flyway is on only where a test asks for it (H2FlowTest): the shared PostgreSQL
        // database of the test services is no place for an application schema history.
        props.put("spring.flyway.enabled", "false");
        props.putAll(storage);
        props.put("sessions.secret.key", SECRET);
        props.put("server.port", "0");
        props.put("server.address", "127.0.0.1");
        props.put("logging.level.org.springframework.security", "DEBUG");
        props.put("management.endpoints.web.exposure.include", "health,sessions");
        props.put("management.endpoint.health.show-details", "always");
        app = new SpringApplicationBuilder(TestApplication.class).properties(props).run();
        return port();
    }

    protected int restart() {
        stop();
        return start();
    }

    protected int port() {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    protected SessionEngine engine() {
        return app.getBean(SessionEngine.class);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    protected ConfigurableApplicationContext app() {
        return app;
    }

    /** The running application, started on first use. */
    protected int running() {
        return app == null ? start() : port();
    }

    @Test
    @DisplayName("Form login with CSRF; protected page twice; key rotated at login, old cookie dead; restart; logout")
    void formLoginSurvivesRequestsAndRestartsAndLogoutEndsIt() throws Exception {
        Browser browser = new Browser(running());

        HttpResponse<String> first = browser.get("/private");
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        String anonymous = browser.session();
        assertThat(anonymous).as("the saved request lives in a session").isNotNull();

        HttpResponse<String> login = browser.logIn("ann", "ann-password");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow())
                .as("the saved request came back as its type").contains("/private");
        String loggedIn = browser.session();
        assertThat(loggedIn).as("login rotates the key (changeSessionId = cycleKey)").isNotNull().isNotEqualTo(anonymous);

        assertThat(browser.get("/private").body()).isEqualTo("hello ann");
        HttpResponse<String> again = browser.get("/private");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("hello ann");
        assertThat(again.headers().allValues("Set-Cookie")).as("a read-only request saves nothing").isEmpty();

        HttpResponse<String> stale = browser.getWithCookie("/private", "sessionid=" + anonymous);
        assertThat(stale.statusCode()).as("the pre-login cookie is dead").isEqualTo(302);

        SessionStore stored = engine().open(loggedIn);
        assertThat(stored.get("_auth_user_id")).as("bound to the user, as Django does").isEqualTo("ann");
        assertThat(stored.get("SPRING_SECURITY_CONTEXT")).as("typed value, in place")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("@type", "org.springframework.security.core.context.SecurityContextImpl");

        if (survivesRestart()) {
            browser.at(restart());
            HttpResponse<String> afterRestart = browser.get("/private");
            assertThat(afterRestart.statusCode()).as("still logged in after a restart").isEqualTo(200);
            assertThat(afterRestart.body()).isEqualTo("hello ann");
        }

        String token = browser.get("/csrf").body();
        HttpResponse<String> logout = browser.post("/logout", Map.of("_csrf", token));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
        List<String> cookies = logout.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("sessionid=\"\"").contains("Max-Age=0"));
        assertThat(browser.session()).as("cookie deleted").isNull();
        SessionStore gone = engine().open(loggedIn);
        assertThat(gone.keySet()).as("session gone from storage").isEmpty();
        assertThat(gone.getSessionKey()).isNull();
        assertThat(browser.getWithCookie("/private", "sessionid=" + loggedIn).statusCode()).isEqualTo(302);
    }
}
