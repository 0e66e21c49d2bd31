package io.sessions4j.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.testkit.SessionIntegrationContract;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.WebFluxResponseStatusExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The testkit's HTTP suite on Spring Framework 7 WebFlux (Reactor Netty), routes in WebFlux's idiom:
 * {@code ServerRequest.session()} and {@code WebSession.getAttributes()}.
 */
class WebFluxSessionsContractTest extends SessionIntegrationContract {
    private final List<DisposableServer> servers = new ArrayList<>();

    @Override
    protected URI start(SessionEngine engine) {
        HttpHandler handler = WebHttpHandlerBuilder.webHandler(RouterFunctions.toWebHandler(routes()))
                .sessionManager(new SessionWebSessionManager(engine))
                // as @EnableWebFlux and Spring Boot do: HTTP status exceptions answer their status
                .exceptionHandler(new SessionFailureHandler(), new WebFluxResponseStatusExceptionHandler())
                .build();
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/put", request -> request.session().flatMap(session -> {
                    session.getAttributes().put(param(request, "k"), param(request, "v"));
                    return ServerResponse.ok().bodyValue("ok");
                }))
                .GET("/get", request -> request.session().flatMap(session ->
                        ServerResponse.ok().bodyValue(String.valueOf(session.getAttributes().get(param(request, "k"))))))
                .GET("/untouched", request -> ServerResponse.ok().bodyValue("hello"))
                .GET("/login", request -> request.session().flatMap(session -> {
                    session.getAttributes().put("user", param(request, "user"));
                    return session.changeSessionId().then(Mono.defer(() -> ServerResponse.ok().bodyValue(session.getId())));
                }))
                .GET("/whoami", request -> request.session().flatMap(session -> {
                    Object user = session.getAttributes().get("user");
                    return ServerResponse.ok().bodyValue(user == null ? "anonymous" : user.toString());
                }))
                .GET("/logout", request -> request.session()
                        .flatMap(session -> session.invalidate().then(ServerResponse.ok().bodyValue("bye"))))
                .GET("/throw", request -> request.session().flatMap(session -> {
                    session.getAttributes().put("k", "from a failed request");
                    return Mono.error(new IllegalStateException("boom (expected by the test)"));
                }))
                .GET("/redirect", request -> request.session().flatMap(session -> {
                    session.getAttributes().put("k", "redirected");
                    return ServerResponse.status(HttpStatus.FOUND).location(URI.create("/get?k=k")).build();
                }))
                .GET("/send-error", request -> request.session().flatMap(session -> {
                    session.getAttributes().put("k", "error page");
                    return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
                }))
                .GET("/large", request -> request.session().flatMap(session -> {
                    session.getAttributes().put("k", "large");
                    byte[] chunk = new byte[16 * 1024];
                    Arrays.fill(chunk, (byte) 'x');
                    Flux<DataBuffer> body = Flux.range(0, LARGE_BODY / chunk.length)
                            .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.clone()));
                    return ServerResponse.ok().body(BodyInserters.fromDataBuffers(body));
                }))
                .GET("/hold", request -> request.session().flatMap(session -> {
                    session.getAttributes().get("user");
                    return Mono.fromCallable(() -> {
                        hold();
                        return session;
                    }).subscribeOn(Schedulers.boundedElastic());
                }).flatMap(session -> {
                    session.getAttributes().put("late", "value");
                    return ServerResponse.ok().bodyValue("done");
                }))
                .GET("/cycle-after-logout", request -> request.session().flatMap(session -> {
                    session.getAttributes().get("user");
                    return Mono.fromRunnable(() -> concurrentLogout(session.getId())).subscribeOn(Schedulers.boundedElastic())
                            .then(session.changeSessionId()).then(Mono.defer(() -> ServerResponse.ok().bodyValue(session.getId())));
                }))
                .GET("/typed-put", request -> request.session().flatMap(session -> {
                    session.getAttributes().put("profile", PROFILE);
                    session.getAttributes().put("visits", 3L);
                    return ServerResponse.ok().bodyValue("ok");
                }))
                .GET("/typed-get", request -> request.session().flatMap(session -> {
                    Profile profile = session.getAttribute("profile"); // a ClassCastException would answer 500
                    Long visits = session.getAttribute("visits");
                    return ServerResponse.ok().bodyValue(profile + " visits=" + visits);
                }))
                .build();
    }

    private static String param(ServerRequest request, String name) {
        return request.queryParam(name).orElseThrow();
    }

    @AfterAll
    void storageNeverRanOnAnEventLoop() {
        assertThat(storage.threads()).as("threads that called storage").isNotEmpty()
                .noneMatch(name -> name.startsWith("reactor-http-"));
    }

    @Override
    protected void stop() {
        servers.forEach(DisposableServer::disposeNow);
    }
}
