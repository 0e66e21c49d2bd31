package io.sessions4j.vertx;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.http.ResponseHeaders;
import io.sessions4j.api.http.SessionExchange;
import io.sessions4j.api.http.SessionFailure;
import io.sessions4j.api.http.SessionLifecycle;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sessions4j for Vert.x 5 Web: Django's {@code SessionMiddleware} as the first handler of a router.
 * <pre>{@code
 * Router router = Router.router(vertx);
 * VertxSessions.mount(router, engine);                        // before the routes
 * router.get("/whoami").handler(rc -> rc.end(String.valueOf(VertxSessions.store(rc).get("user"))));
 * router.post("/login").blockingHandler(rc -> {               // writes to storage: a blocking handler
 *     SessionStore session = VertxSessions.store(rc);
 *     session.put("user", "ann");
 *     session.cycleKey();
 *     rc.end("welcome");
 * }, false);
 * }</pre>
 *
 * <p>{@code rc.session()} is the same session as Vert.x's {@link io.vertx.ext.web.Session}: values put there come
 * back as their Java types when allowlisted ({@code sessions.serializer.allowed_types}; see {@code TypedValues}).
 *
 * <h2>Threads</h2>
 * Every engine but the signed cookie blocks (JDBC, files, Jedis), so nothing here touches storage on the event
 * loop: the session of a request that sent a key is loaded on a worker before the next handler runs (reads in
 * handlers are then in memory), and every worker task is submitted <em>unordered</em>
 * ({@code executeBlocking(task, false)}), so one slow session never delays another request. The session is saved
 * when the response's headers are written ({@code addHeadersEndHandler}), on the thread that ends the response: end
 * a response that changed the session from a blocking handler ({@code blockingHandler(h, false)}: key changes and
 * logouts write to storage anyway), or call {@link #flush(RoutingContext)} first, which saves on a worker.
 *
 * <h2>Failures</h2>
 * As {@link SessionFailure} says: a session ended by a concurrent request answers 400, storage down 503 (also when
 * it fails while loading), a session too large for its cookie 500, each with a short body; nothing is saved. A save
 * that fails when the headers are written can still change the status but no longer the body the application
 * handed to {@code end}: {@link #flush(RoutingContext)} before ending where a clean answer matters.
 */
public final class VertxSessions implements Handler<RoutingContext> {
    private static final String EXCHANGE = SessionExchange.class.getName();
    private static final Logger LOG = LoggerFactory.getLogger(VertxSessions.class);

    private final SessionLifecycle lifecycle;

    private VertxSessions(SessionEngine engine) {
        this.lifecycle = new SessionLifecycle(engine);
    }

    /**
     * Puts sessions4j in front of every route added to {@code router} after this call: the session handler and the
     * failure handler that answers session failures. The engine stays the application's to close.
     */
    public static VertxSessions mount(Router router, SessionEngine engine) {
        VertxSessions sessions = new VertxSessions(engine);
        router.route().handler(sessions).failureHandler(VertxSessions::answerFailure);
        return sessions;
    }

    /**
     * The request's session: Django's {@code request.session}.
     *
     * @throws IllegalStateException when the request did not pass through {@link #mount}'s handler
     */
    public static SessionStore store(RoutingContext rc) {
        return exchange(rc).store();
    }

    /**
     * Saves the session now, on a worker, and writes its headers to the response, whose status must be set; later
     * changes are still saved when the response completes. On a session failure the response is answered (400,
     * 503...) and the future fails: end the response in {@code onSuccess}.
     */
    public static Future<Void> flush(RoutingContext rc) {
        SessionExchange exchange = exchange(rc);
        HttpServerResponse response = rc.response();
        int status = response.getStatusCode();
        ResponseHeaders out = new VertxResponseHeaders(response.headers());
        return rc.vertx().<Void>executeBlocking(() -> {
            exchange.commit(status, out);
            return null;
        }, false).recover(e -> {
            answer(rc, e);
            return Future.failedFuture(e);
        });
    }

    @Override
    public void handle(RoutingContext rc) {
        if (rc.get(EXCHANGE) != null) {
            rc.next(); // rerouted: the session is open already
            return;
        }
        MultiMap headers = rc.request().headers();
        rc.vertx().executeBlocking(() -> open(headers), false).onComplete(opened -> {
            if (opened.failed()) {
                rc.fail(opened.cause());
                return;
            }
            SessionExchange exchange = opened.result();
            rc.put(EXCHANGE, exchange);
            if (rc instanceof RoutingContextInternal internal) {
                // rc.session(): Vert.x's own session handler sets it through the same internal interface.
                internal.setSession(new StoreVertxSession(exchange));
            }
            rc.addHeadersEndHandler(v -> commit(rc, exchange));
            rc.addEndHandler(v -> complete(rc, exchange));
            rc.next();
        });
    }

    /** On a worker: opens the session and, when the client sent a key, loads it. */
    private SessionExchange open(MultiMap headers) {
        SessionExchange exchange = lifecycle.open(name -> headers.getAll(name));
        if (exchange.keySent()) {
            exchange.store().isStored();
        }
        return exchange;
    }

    private static void commit(RoutingContext rc, SessionExchange exchange) {
        HttpServerResponse response = rc.response();
        try {
            exchange.commit(response.getStatusCode(), new VertxResponseHeaders(response.headers()));
        } catch (RuntimeException e) {
            Optional<SessionFailure> failure = SessionFailure.of(e);
            if (failure.isPresent()) {
                failure.get().log();
                response.setStatusCode(failure.get().status());
            } else {
                LOG.error("Could not end the session", e);
                response.setStatusCode(500);
            }
        }
    }

    /** After the response: saves what changed after the headers, off the event loop when there is anything. */
    private static void complete(RoutingContext rc, SessionExchange exchange) {
        int status = rc.response().getStatusCode();
        if (!exchange.store().isModified()) {
            exchange.complete(status);
            return;
        }
        rc.vertx().executeBlocking(() -> {
            exchange.complete(status);
            return null;
        }, false);
    }

    private static void answerFailure(RoutingContext rc) {
        if (SessionFailure.of(rc.failure()).isPresent()) {
            answer(rc, rc.failure());
        } else {
            rc.next();
        }
    }

    private static void answer(RoutingContext rc, Throwable thrown) {
        SessionExchange exchange = rc.get(EXCHANGE);
        if (exchange != null) {
            exchange.abandon();
        }
        Optional<SessionFailure> found = SessionFailure.of(thrown);
        if (found.isEmpty()) {
            rc.fail(thrown);
            return;
        }
        SessionFailure failure = found.get();
        failure.log();
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            LOG.warn("Could not answer {}: the response was already committed", failure.status());
            return;
        }
        response.headers().clear();
        response.setStatusCode(failure.status()).putHeader("Content-Type", "text/plain;charset=UTF-8")
                .putHeader("Cache-Control", "no-store").end(failure.body());
    }

    private static SessionExchange exchange(RoutingContext rc) {
        SessionExchange exchange = rc.get(EXCHANGE);
        if (exchange == null) {
            throw new IllegalStateException("No sessions4j session on this request: mount VertxSessions on the router "
                    + "before its routes");
        }
        return exchange;
    }

    /** The response's headers as the lifecycle writes them. */
    private record VertxResponseHeaders(MultiMap headers) implements ResponseHeaders {
        @Override
        public void add(String name, String value) {
            headers.add(name, value);
        }

        @Override
        public void set(String name, String value) {
            headers.set(name, value);
        }

        @Override
        public List<String> values(String name) {
            return headers.getAll(name);
        }
    }
}
