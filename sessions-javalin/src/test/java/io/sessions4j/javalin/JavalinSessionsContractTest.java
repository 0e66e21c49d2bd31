package io.sessions4j.javalin;

import io.javalin.Javalin;
import io.javalin.http.NotFoundResponse;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStore;
import io.sessions4j.testkit.SessionIntegrationContract;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
                ctx.sessionAttribute("profile", PROFILE);
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
            config.routes.get("/send-error", ctx -> {
                ctx.sessionAttribute("k", "error page");
                throw new NotFoundResponse();
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

    @Override
    protected void stop() {
        apps.forEach(Javalin::stop);
    }
}
