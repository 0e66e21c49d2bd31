package io.sessions4j.javalin;

import io.javalin.Javalin;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.testkit.SessionIntegrationContract;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The testkit's HTTP suite on Javalin 7 (Jetty 12.1), routes in Javalin's idiom: {@code ctx.sessionAttribute}. */
class JavalinSessionsContractTest extends SessionIntegrationContract {
    private final List<Javalin> apps = new ArrayList<>();

    @Override
    protected URI start(SessionEngine engine) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.registerPlugin(new JavalinSessions(engine));
            config.routes.get("/put", ctx -> {
                ctx.sessionAttribute(ctx.queryParam("k"), ctx.queryParam("v"));
                ctx.result("ok");
            });
            config.routes.get("/get", ctx -> ctx.result(String.valueOf((Object) ctx.sessionAttribute(ctx.queryParam("k")))));
            config.routes.get("/untouched", ctx -> ctx.result("hello"));
            config.routes.get("/typed-put", ctx -> {
                ctx.sessionAttribute("profile", new Profile("Ada", new BigDecimal("12345678901234567.10"),
                        List.of(Instant.parse("2026-11-30T07:00:00.123456Z"))));
                ctx.sessionAttribute("visits", 3L);
                ctx.result("ok");
            });
            config.routes.get("/typed-get", ctx -> {
                Profile profile = ctx.sessionAttribute("profile"); // a ClassCastException would answer 500
                Long visits = ctx.sessionAttribute("visits");
                ctx.result(profile + " visits=" + visits);
            });
            config.routes.get("/login", ctx -> {
                ctx.sessionAttribute("user", ctx.queryParam("user"));
                SessionStore session = JavalinSessions.store(ctx);
                session.cycleKey();
                ctx.result(session.getSessionKey());
            });
            config.routes.get("/whoami", ctx -> {
                Object user = ctx.sessionAttribute("user");
                ctx.result(user == null ? "anonymous" : user.toString());
            });
            config.routes.get("/logout", ctx -> {
                JavalinSessions.store(ctx).flush();
                ctx.result("bye");
            });
            config.routes.get("/throw", ctx -> {
                ctx.sessionAttribute("k", "from a failed request");
                throw new IllegalStateException("boom (expected by the test)");
            });
            config.routes.get("/redirect", ctx -> {
                ctx.sessionAttribute("k", "redirected");
                ctx.redirect("/get?k=k");
            });
            config.routes.get("/large", ctx -> {
                ctx.sessionAttribute("k", "large");
                byte[] chunk = new byte[16 * 1024];
                Arrays.fill(chunk, (byte) 'x');
                OutputStream out = ctx.outputStream();
                for (int written = 0; written < LARGE_BODY; written += chunk.length) {
                    out.write(chunk);
                }
            });
            config.routes.get("/hold", ctx -> {
                ctx.sessionAttribute("user");
                hold();
                ctx.sessionAttribute("late", "value");
                ctx.result("done");
            });
            config.routes.get("/cycle-after-logout", ctx -> {
                ctx.sessionAttribute("user");
                SessionStore session = JavalinSessions.store(ctx);
                concurrentLogout(session.getSessionKey());
                session.cycleKey();
                ctx.result(session.getSessionKey());
            });
        });
        apps.add(app);
        app.start("127.0.0.1", 0);
        return URI.create("http://127.0.0.1:" + app.port());
    }

    /** A record kept through {@code ctx.sessionAttribute}: allowlisted in {@link #settings()}. */
    record Profile(String name, BigDecimal balance, List<Instant> logins) {
    }

    @Override
    protected SessionSettings settings() {
        return super.settings().with("sessions.serializer.allowed_types", Profile.class.getName());
    }

    @Test
    @DisplayName("A16 A record and a Long kept through ctx.sessionAttribute come back as their types on the next request")
    void typedValuesThroughSessionAttribute() throws Exception {
        String key = get("/typed-put").sessionKey();

        Reply reply = get("/typed-get", key);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("Profile[name=Ada, balance=12345678901234567.10, "
                + "logins=[2026-11-30T07:00:00.123456Z]] visits=3");
        assertThat(stored(key).get("profile")).as("stored as a JSON object, not Java serialization")
                .isInstanceOf(java.util.Map.class);
    }

    @Override
    protected void stop() {
        apps.forEach(Javalin::stop);
    }
}
