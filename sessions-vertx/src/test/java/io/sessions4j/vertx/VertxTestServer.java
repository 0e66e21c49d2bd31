package io.sessions4j.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Vert.x instance for a test class, whose blocked-thread checker records instead of logging: an event loop
 * held for more than {@link #MAX_EVENT_LOOP_MILLIS} is a test failure, not a line in the log.
 */
final class VertxTestServer implements AutoCloseable {
    static final long MAX_EVENT_LOOP_MILLIS = 500;

    final Vertx vertx;
    /** Threads the checker found blocked (event loops beyond the limit, workers beyond Vert.x's 60 s). */
    final List<String> blocked = new CopyOnWriteArrayList<>();

    VertxTestServer() {
        this(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
    }

    /** @param eventLoops 1 puts every connection on one context, where ordered worker tasks would queue */
    VertxTestServer(int eventLoops) {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops)
                .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MILLIS).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        // Internal API, in tests only: the checker's events, instead of its log lines.
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(event -> blocked.add(event.toString()));
    }

    /** Serves {@code router} on 127.0.0.1 and an ephemeral port. */
    URI serve(Router router) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
