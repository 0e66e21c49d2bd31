package io.sessions4j.webflux;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.http.ResponseHeaders;
import io.sessions4j.api.http.SessionExchange;
import io.sessions4j.api.http.SessionLifecycle;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * sessions4j for Spring WebFlux: {@code exchange.getSession()} (and {@code ServerRequest.session()}) is a sessions4j
 * session. Install it with the exception handler that answers session failures:
 * <pre>{@code
 * SessionWebSessionManager sessions = new SessionWebSessionManager(engine);
 * HttpHandler app = WebHttpHandlerBuilder.webHandler(RouterFunctions.toWebHandler(routes))
 *         .sessionManager(sessions).exceptionHandler(new SessionFailureHandler()).build();
 * }</pre>
 * (with Spring Boot: a {@code WebSessionManager} bean named {@code webSessionManager} and the handler as a bean).
 *
 * <p>The session is opened when the application first asks for it, never for a request that does not: the key is
 * read (cookie or {@code sessions.transport=header}) and, when one was sent, the session loaded on the scheduler
 * given (default {@link Schedulers#boundedElastic()}: bounded threads for blocking engines). Key changes and logouts
 * ({@link WebSession#changeSessionId()}, {@link WebSession#invalidate()}) run there too. The session is saved and its
 * headers written in {@code beforeCommit}, on that scheduler, so redirects, errors and streamed bodies carry them.
 * Attributes are {@link io.sessions4j.api.http.SessionAttributes}: allowlisted records come back as their types.
 */
public final class SessionWebSessionManager implements WebSessionManager {
    /** Exchange attribute holding the request's {@link SessionExchange} once the session was asked for. */
    static final String EXCHANGE = SessionExchange.class.getName();

    private final SessionLifecycle lifecycle;
    private final Scheduler scheduler;

    public SessionWebSessionManager(SessionEngine engine) {
        this(engine, Schedulers.boundedElastic());
    }

    /** @param scheduler where storage calls run: bounded, off the event loop, for every engine that blocks */
    public SessionWebSessionManager(SessionEngine engine, Scheduler scheduler) {
        this.lifecycle = new SessionLifecycle(Objects.requireNonNull(engine, "engine"));
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * The request's Django-style store: Django's {@code request.session}.
     *
     * @throws IllegalStateException (in the Mono) when the exchange's session manager is not this one
     */
    public static Mono<SessionStore> store(ServerWebExchange exchange) {
        return exchange.getSession().map(session -> {
            if (session instanceof StoreWebSession store) {
                return store.store();
            }
            throw new IllegalStateException("The session of this exchange is not a sessions4j session: is "
                    + SessionWebSessionManager.class.getName() + " the WebSessionManager?");
        });
    }

    @Override
    public Mono<WebSession> getSession(ServerWebExchange web) {
        return Mono.fromCallable(() -> open(web)).subscribeOn(scheduler).map(exchange -> {
            web.getAttributes().put(EXCHANGE, exchange);
            ServerHttpResponse response = web.getResponse();
            response.beforeCommit(() -> Mono.<Void>fromRunnable(() -> exchange.commit(status(response),
                    new SpringResponseHeaders(response.getHeaders()))).subscribeOn(scheduler));
            return new StoreWebSession(exchange, scheduler);
        });
    }

    private SessionExchange open(ServerWebExchange web) {
        HttpHeaders headers = web.getRequest().getHeaders();
        SessionExchange exchange = lifecycle.open(name -> {
            List<String> values = headers.get(name);
            return values == null ? List.of() : values;
        });
        if (exchange.keySent()) {
            exchange.store().isStored(); // load here, on the scheduler: reads in handlers are then in memory
        }
        return exchange;
    }

    private static int status(ServerHttpResponse response) {
        HttpStatusCode status = response.getStatusCode();
        return status == null ? 200 : status.value();
    }

    /** The response's headers as the lifecycle writes them. */
    private record SpringResponseHeaders(HttpHeaders headers) implements ResponseHeaders {
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
            List<String> values = headers.get(name);
            return values == null ? List.of() : values;
        }
    }
}
