package io.sessions4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.spring.boot.security.StoreSessionRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.session.SessionRegistry;

/**
 * An engine that keeps the index of sessions by user (the testkit's in-memory engine; the db and cache engines
 * get theirs from the users work): {@code maximumSessions(1)} backed by {@link StoreSessionRegistry}, and the
 * actuator's list and revoke. In-memory storage does not survive the restart, so that step is left out.
 */
class UserIndexFlowTest extends SpringSecurityFlowTest {

    @Override
    protected Map<String, String> storageProperties() {
        return Map.of("sessions.engine", "memory");
    }

    @Override
    protected boolean survivesRestart() {
        return false;
    }

    @Test
    @DisplayName("U1 maximumSessions(1) over the user index: the second login revokes the first session in storage")
    void maximumSessionsRevokesInStorage() throws Exception {
        Browser first = new Browser(running());
        Browser second = new Browser(running());
        assertThat(app().getBean(SessionRegistry.class)).isInstanceOf(StoreSessionRegistry.class);

        first.logIn("max", "max-password");
        String firstKey = first.session();
        assertThat(first.get("/private").body()).isEqualTo("hello max");
        second.logIn("max", "max-password");
        assertThat(second.get("/private").body()).isEqualTo("hello max");

        assertThat(engine().open(firstKey).keySet()).as("revoked in storage").isEmpty();
        assertThat(first.get("/private").statusCode()).as("first browser logged out").isEqualTo(302);
        assertThat(second.get("/private").body()).isEqualTo("hello max");
    }

    @Test
    @DisplayName("U1 Actuator: a user's sessions listed by handle (never by key), one revoked, then all; meters; storage health UP")
    void actuatorListsAndRevokes() throws Exception {
        Browser ann = new Browser(running());
        ann.logIn("ann", "ann-password");
        String annKey = ann.session();
        Browser admin = new Browser(running());
        admin.logIn("admin", "admin-password");

        HttpResponse<String> list = admin.get("/actuator/sessions/ann");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"user\":\"ann\"", "\"handle\":\"" + io.sessions4j.api.users.SessionHandles.of(annKey) + "\"")
                .doesNotContain(annKey);

        String token = admin.get("/csrf").body();
        HttpResponse<String> revoke = delete(admin, "/actuator/sessions/ann/" + io.sessions4j.api.users.SessionHandles.of(annKey), token);
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);
        assertThat(revoke.body()).contains("\"revoked\":1");
        assertThat(ann.get("/private").statusCode()).as("revoked: logged out").isEqualTo(302);

        ann.logIn("ann", "ann-password");
        HttpResponse<String> all = delete(admin, "/actuator/sessions/ann", admin.get("/csrf").body());
        assertThat(all.body()).contains("\"revoked\":1");
        assertThat(ann.get("/private").statusCode()).isEqualTo(302);

        io.micrometer.core.instrument.Counter saved = app().getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .find("sessions.saved").tag("engine", "memory").counter();
        assertThat(saved).as("sessions-micrometer meters bound").isNotNull();
        assertThat(saved.count()).isPositive();

        HttpResponse<String> health = admin.get("/actuator/health");
        assertThat(health.body()).contains("\"sessionStorage\":{\"details\":{\"engine\":\"memory\"},\"status\":\"UP\"}");
    }

    private HttpResponse<String> delete(Browser browser, String path, String csrf) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("X-CSRF-TOKEN", csrf).DELETE().build());
    }
}
