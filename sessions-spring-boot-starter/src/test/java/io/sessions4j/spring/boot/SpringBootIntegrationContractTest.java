package io.sessions4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.servlet.SessionFilter;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.testkit.HttpReply;
import io.sessions4j.testkit.SessionIntegrationContract;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The testkit's HTTP suite on a Spring Boot 4 application (embedded Tomcat, Spring MVC): the starter's
 * auto-configuration registers the {@link SessionFilter} over the application's own {@link SessionEngine} bean
 * (the suite's engine, so the starter's default engine backs off), and a {@code @RestController} serves the
 * suite's routes through {@link HttpServletRequest} and {@link HttpSession}. No Spring Security: its
 * auto-configuration is excluded, as is the DataSource's (H2 is on the test class path for other tests).
 */
class SpringBootIntegrationContractTest extends SessionIntegrationContract {
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    @Override
    protected URI start(SessionEngine engine) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ContractApplication.class)
                .initializers(context -> {
                    GenericApplicationContext beans = (GenericApplicationContext) context;
                    // The application's own engine and settings: the starter's beans back off. The suite owns the
                    // engine and closes it, so the context must not ("" turns off the inferred close()).
                    beans.registerBean("sessionEngine", SessionEngine.class, () -> engine,
                            definition -> definition.setDestroyMethodName(""));
                    beans.registerBean("sessionSettings", SessionSettings.class, engine::settings);
                    beans.registerBean(SessionIntegrationContract.class, () -> this);
                })
                .properties(Map.of("server.port", "0", "server.address", "127.0.0.1",
                        "spring.main.banner-mode", "off"))
                .run();
        apps.add(app);
        return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
    }

    @Override
    protected void stop() {
        apps.forEach(ConfigurableApplicationContext::close);
        apps.clear();
    }

    /**
     * Spring MVC reads the session on every request, before any handler: its {@code SessionFlashMapManager} looks
     * for flash attributes ({@code getSession(false)}, then {@code getAttribute}). So a request whose handler never
     * touches the session still loads it once and, rightly, answers {@code Vary: Cookie}; it still sets no cookie
     * and writes nothing.
     */
    @Override
    @Test
    @DisplayName("F3 Untouched by the handler: Spring MVC's flash maps read the session (Vary: Cookie, one load); no Set-Cookie, nothing written")
    protected void f3_untouchedSessionHasNeitherHeader() throws Exception {
        String key = get("/put?k=k&v=v").sessionKey();
        SessionStorage.Stored before = storage.memory().records().get(key);
        long calls = storage.memory().calls();

        HttpReply reply = get("/untouched", key);

        assertThat(reply.body()).isEqualTo("hello");
        assertThat(reply.setCookies()).isEmpty();
        assertThat(reply.vary()).isEqualTo("Cookie");
        assertThat(storage.memory().calls() - calls).as("storage round trips").isEqualTo(1);
        assertThat(storage.memory().records().get(key)).isSameAs(before);
    }

    /**
     * Without a session cookie the flash maps' {@code getSession(false)} costs no storage call, but its answer
     * depended on the cookie, so the response still varies on it (the servlet module's rule for asking).
     */
    @Test
    @DisplayName("No cookie, handler never touches the session: no storage call, no Set-Cookie; Vary: Cookie from Spring MVC's flash maps")
    void untouchedWithoutCookieCostsNoStorageCall() throws Exception {
        long calls = storage.memory().calls();
        int records = storage.memory().records().size();

        HttpReply reply = get("/untouched");

        assertThat(reply.body()).isEqualTo("hello");
        assertThat(reply.setCookies()).isEmpty();
        assertThat(reply.vary()).isEqualTo("Cookie");
        assertThat(storage.memory().calls() - calls).as("storage round trips").isZero();
        assertThat(storage.memory().records()).hasSize(records);
    }

    /** Boot's auto-configuration (the starter's included), minus Spring Security and the DataSource. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
    @Import(Routes.class)
    static class ContractApplication {
    }

    /** The suite's routes in Spring MVC, through the servlet session API. */
    @RestController
    static class Routes {
        private final SessionIntegrationContract contract;

        Routes(SessionIntegrationContract contract) {
            this.contract = contract;
        }

        @GetMapping("/put")
        String put(HttpServletRequest request, @RequestParam String k, @RequestParam String v) {
            request.getSession().setAttribute(k, v);
            return "ok";
        }

        @GetMapping("/get")
        String get(HttpServletRequest request, @RequestParam String k) {
            HttpSession session = request.getSession(false);
            return session == null ? "no session" : String.valueOf(session.getAttribute(k));
        }

        @GetMapping("/untouched")
        String untouched() {
            return "hello";
        }

        @GetMapping("/login")
        String login(HttpServletRequest request, @RequestParam String user) {
            request.getSession().setAttribute("user", user);
            return request.changeSessionId();
        }

        @GetMapping("/whoami")
        String whoami(HttpServletRequest request) {
            HttpSession session = request.getSession(false);
            Object user = session == null ? null : session.getAttribute("user");
            return user == null ? "anonymous" : user.toString();
        }

        @GetMapping("/logout")
        String logout(HttpServletRequest request) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            return "bye";
        }

        @GetMapping("/throw")
        String fail(HttpServletRequest request) {
            request.getSession().setAttribute("k", "from a failed request");
            throw new IllegalStateException("boom (expected by the test)");
        }

        @GetMapping("/send-error")
        void sendError(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getSession().setAttribute("k", "error page");
            response.sendError(404);
        }

        @GetMapping("/redirect")
        ResponseEntity<Void> redirect(HttpServletRequest request) {
            request.getSession().setAttribute("k", "redirected");
            return ResponseEntity.status(302).location(URI.create("/get?k=k")).build();
        }

        @GetMapping("/large")
        void large(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getSession().setAttribute("k", "large");
            byte[] chunk = new byte[16 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            ServletOutputStream out = response.getOutputStream();
            for (int written = 0; written < LARGE_BODY; written += chunk.length) {
                out.write(chunk);
            }
        }

        @GetMapping("/hold")
        String hold(HttpServletRequest request) throws InterruptedException {
            HttpSession session = request.getSession(false);
            session.getAttribute("user");
            contract.hold();
            session.setAttribute("late", "value");
            return "done";
        }

        @GetMapping("/typed-put")
        String typedPut(HttpServletRequest request) {
            HttpSession session = request.getSession();
            session.setAttribute("profile", PROFILE);
            session.setAttribute("visits", 3L);
            return "ok";
        }

        @GetMapping("/typed-get")
        String typedGet(HttpServletRequest request) {
            HttpSession session = request.getSession(false);
            Profile profile = (Profile) session.getAttribute("profile"); // a ClassCastException would answer 500
            Long visits = (Long) session.getAttribute("visits");
            return profile + " visits=" + visits;
        }

        @GetMapping("/cycle-after-logout")
        String cycleAfterLogout(HttpServletRequest request) {
            request.getSession(false).getAttribute("user");
            contract.concurrentLogout(SessionFilter.store(request).getSessionKey());
            return request.changeSessionId();
        }
    }
}
