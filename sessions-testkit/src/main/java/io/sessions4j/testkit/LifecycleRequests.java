package io.sessions4j.testkit;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.http.SessionExchange;
import io.sessions4j.api.http.SessionLifecycle;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests through a {@link SessionLifecycle} without a web server, for tests: open a request with the cookie
 * values a client sends, use its store, finish it and read the response headers.
 */
public final class LifecycleRequests {
    private final SessionLifecycle lifecycle;
    private final String cookieName;
    private final Map<SessionStore, SessionExchange> exchanges = new IdentityHashMap<>();

    public LifecycleRequests(SessionLifecycle lifecycle, String cookieName) {
        this.lifecycle = lifecycle;
        this.cookieName = cookieName;
    }

    /** {@code sessionid} as the cookie name. */
    public LifecycleRequests(SessionLifecycle lifecycle) {
        this(lifecycle, "sessionid");
    }

    /** A request sending {@code cookieValues} (in one {@code Cookie} header, in order): its store. */
    public SessionStore open(List<String> cookieValues) {
        SessionExchange exchange = lifecycle.open(RecordingResponseHeaders.cookies(cookieName, cookieValues));
        exchanges.put(exchange.store(), exchange);
        return exchange.store();
    }

    /** The exchange of the request that opened {@code store}. */
    public SessionExchange exchange(SessionStore store) {
        return exchanges.get(store);
    }

    /** Ends the request that opened {@code store} with {@code status}: the response headers it got. */
    public RecordingResponseHeaders finish(SessionStore store, int status) {
        RecordingResponseHeaders out = new RecordingResponseHeaders();
        exchanges.get(store).commit(status, out);
        return out;
    }
}
