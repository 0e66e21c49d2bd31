package io.sessions4j.javalin;

import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.plugin.Plugin;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.http.SessionFailure;
import io.sessions4j.servlet.SessionFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sessions4j for Javalin 7: register the plugin once and {@code ctx.sessionAttribute(...)} is a sessions4j
 * session (Django's {@code request.session} is {@link #store(Context)}).
 * <pre>{@code
 * SessionEngine engine = SessionEngines.load(SessionSettings.fromFile(Path.of("sessions.properties")));
 * Javalin app = Javalin.create(config -> config.registerPlugin(new JavalinSessions(engine)));
 * app.get("/login", ctx -> { ctx.sessionAttribute("user", "ann"); JavalinSessions.store(ctx).cycleKey(); });
 * }</pre>
 *
 * <p>Javalin runs on a Jetty servlet context, so the plugin installs {@link SessionFilter} there (REQUEST, ASYNC
 * and ERROR dispatches): the session is saved and its cookie (or {@code sessions.transport=header} header) written
 * before the response commits — redirects, errors, bodies streamed through {@code ctx.outputStream()} — and the
 * filter answers a failure at the end of the request. A session failure thrown inside a handler (storage down on
 * a read, a key change racing a logout) is answered by the plugin's exception handler as {@link SessionFailure}
 * says: 400, 503 or 500 with a short body, and nothing is saved.
 *
 * <p>Values kept through {@code ctx.sessionAttribute} come back as their Java types when the engine's typed
 * values allow them (see {@code sessions.serializer.allowed_types}); plain JSON values stay plain.
 *
 * <p>The engine is the application's: close it when the app stops.
 */
public final class JavalinSessions extends Plugin<Void> {
    private static final Logger LOG = LoggerFactory.getLogger(JavalinSessions.class);

    private final SessionEngine engine;

    public JavalinSessions(SessionEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The request's session: Django's {@code request.session}.
     *
     * @throws IllegalStateException when the request did not pass through the plugin's filter
     */
    public static SessionStore store(Context ctx) {
        return SessionFilter.store(ctx.req());
    }

    @Override
    public void onInitialize(JavalinState state) {
        SessionFilter filter = new SessionFilter(engine);
        state.jetty.modifyServletContextHandler(handler -> {
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            handler.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        });
        state.routes.exception(SessionException.class, JavalinSessions::answer);
    }

    /** Javalin catches handler exceptions before the filter could see them: answer session failures here. */
    private static void answer(SessionException e, Context ctx) {
        SessionFilter.abandon(ctx.req());
        Optional<SessionFailure> failure = SessionFailure.of(e);
        if (failure.isPresent()) {
            failure.get().log();
            ctx.status(failure.get().status()).contentType("text/plain;charset=UTF-8").result(failure.get().body());
        } else {
            LOG.error("Session error in a handler", e);
            ctx.status(500).contentType("text/plain;charset=UTF-8").result("Server Error\n");
        }
    }

    @Override
    public String name() {
        return "sessions4j";
    }
}
