package io.sessions4j.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStore;
import io.sessions4j.testkit.SessionIntegrationContract;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;

/**
 * The testkit's HTTP suite on Vert.x 5 Web. Routes that write to storage in the handler (login, logout, the held
 * request) are blocking handlers; the others run on the event loop, some saving through {@link VertxSessions#flush},
 * some when the headers are written. The blocked-thread checker must stay silent throughout.
 */
class VertxSessionsContractTest extends SessionIntegrationContract {
    private final VertxTestServer server = new VertxTestServer();

    @Override
    protected URI start(SessionEngine engine) throws Exception {
        Router router = Router.router(server.vertx);
        VertxSessions.mount(router, engine);
        router.get("/put").handler(rc -> {
            VertxSessions.store(rc).put(rc.queryParams().get("k"), rc.queryParams().get("v"));
            VertxSessions.flush(rc).onSuccess(v -> rc.end("ok"));
        });
        router.get("/get").handler(rc -> rc.end(String.valueOf(VertxSessions.store(rc).get(rc.queryParams().get("k")))));
        router.get("/untouched").handler(rc -> rc.end("hello"));
        router.get("/typed-put").handler(rc -> {
            rc.session().put("profile", PROFILE);
            rc.session().put("visits", 3L);
            VertxSessions.flush(rc).onSuccess(v -> rc.end("ok"));
        });
        router.get("/typed-get").handler(rc -> {
            Profile profile = rc.session().get("profile"); // a ClassCastException would answer 500
            Long visits = rc.session().get("visits");
            rc.end(profile + " visits=" + visits);
        });
        router.get("/login").blockingHandler(rc -> {
            SessionStore session = VertxSessions.store(rc);
            session.put("user", rc.queryParams().get("user"));
            session.cycleKey();
            rc.end(session.getSessionKey());
        }, false);
        router.get("/whoami").handler(rc -> {
            Object user = VertxSessions.store(rc).get("user");
            rc.end(user == null ? "anonymous" : user.toString());
        });
        router.get("/logout").blockingHandler(rc -> {
            VertxSessions.store(rc).flush();
            rc.end("bye");
        }, false);
        router.get("/throw").handler(rc -> {
            VertxSessions.store(rc).put("k", "from a failed request");
            throw new IllegalStateException("boom (expected by the test)");
        });
        router.get("/redirect").handler(rc -> {
            VertxSessions.store(rc).put("k", "redirected");
            rc.redirect("/get?k=k");
        });
        router.get("/send-error").handler(rc -> {
            VertxSessions.store(rc).put("k", "error page");
            rc.fail(404);
        });
        router.get("/large").handler(this::large);
        router.get("/hold").blockingHandler(rc -> {
            SessionStore session = VertxSessions.store(rc);
            session.get("user");
            try {
                hold();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rc.fail(e);
                return;
            }
            session.put("late", "value");
            VertxSessions.flush(rc).onSuccess(v -> rc.end("done"));
        }, false);
        router.get("/cycle-after-logout").blockingHandler(rc -> {
            SessionStore session = VertxSessions.store(rc);
            session.get("user");
            concurrentLogout(session.getSessionKey());
            session.cycleKey();
            rc.end(session.getSessionKey());
        }, false);
        return server.serve(router);
    }

    private void large(RoutingContext rc) {
        VertxSessions.store(rc).put("k", "large");
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        HttpServerResponse response = rc.response().setChunked(true);
        for (int written = 0; written < LARGE_BODY; written += chunk.length) {
            response.write(Buffer.buffer(chunk));
        }
        response.end();
    }

    @Override
    protected int untouchedRoundTrips() {
        return 1; // the session is loaded on a worker before the handler, so that handlers never block on a read
    }

    @Override
    protected void stop() throws Exception {
        server.close();
    }

    @AfterAll
    void eventLoopsWereNeverBlocked() {
        assertThat(server.blocked).as("blocked-thread checker events").isEmpty();
    }
}
