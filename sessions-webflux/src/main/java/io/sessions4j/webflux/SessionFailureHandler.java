package io.sessions4j.webflux;

import io.sessions4j.api.http.SessionExchange;
import io.sessions4j.api.http.SessionFailure;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers session failures as {@link SessionFailure} says (400 for a session ended by a concurrent request, 503
 * for storage down, 500 for a session too large for its cookie; short plain-text bodies) and saves nothing; other
 * exceptions go on to the next handler. Ordered before Spring Boot's error handlers.
 */
public final class SessionFailureHandler implements WebExceptionHandler, Ordered {

    @Override
    public Mono<Void> handle(ServerWebExchange web, Throwable thrown) {
        Optional<SessionFailure> found = SessionFailure.of(thrown);
        if (found.isEmpty()) {
            return Mono.error(thrown);
        }
        if (web.getAttributes().get(SessionWebSessionManager.EXCHANGE) instanceof SessionExchange exchange) {
            exchange.abandon();
        }
        SessionFailure failure = found.get();
        failure.log();
        ServerHttpResponse response = web.getResponse();
        if (!response.setStatusCode(HttpStatusCode.valueOf(failure.status()))) {
            return Mono.error(thrown); // already committed
        }
        response.getHeaders().clear();
        response.getHeaders().setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl("no-store");
        byte[] body = failure.body().getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    @Override
    public int getOrder() {
        return -3;
    }
}
