package io.sessions4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.InMemorySessionStorage;
import io.sessions4j.testkit.MutableClock;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How {@link SessionFilter} finds the request's session on each pass through it, with the container's objects
 * played by small stand-ins: a new request opens one, a re-entry (error or async dispatch with the container's
 * own request, the filter mapped twice, a request wrapped upstream) joins it.
 */
class SessionFilterDispatchTest {
    private final StorageSessionEngine engine = new StorageSessionEngine("memory",
            SessionSettings.of(Map.of("sessions.engine", "memory", "sessions.secret.key", "dispatch-test-secret")),
            MutableClock.startingNow(), new InMemorySessionStorage());
    private final SessionFilter filter = new SessionFilter(engine);
    private final ContainerRequest container = new ContainerRequest();
    private final HttpServletResponse response = response();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    @DisplayName("The container's request on its first dispatch opens a session without looking for one")
    void firstDispatchOpensWithoutLookup() throws Exception {
        List<SessionStore> seen = new ArrayList<>();

        filter.doFilter(container.request(DispatcherType.REQUEST), response, (req, res) -> seen.add(SessionFilter.store(req)));

        assertThat(seen).hasSize(1);
        assertThat(container.sessionLookups).isZero();
        assertThat(SessionFilter.store(container.request(DispatcherType.REQUEST)))
                .as("code holding the container's request still finds the store").isSameAs(seen.get(0));
    }

    @Test
    @DisplayName("An error dispatch with the container's own request joins the request's session")
    void errorDispatchJoinsTheSession() throws Exception {
        List<SessionStore> seen = new ArrayList<>();
        FilterChain chain = (req, res) -> seen.add(SessionFilter.store(req));

        filter.doFilter(container.request(DispatcherType.REQUEST), response, chain);
        filter.doFilter(container.request(DispatcherType.ERROR), response, chain);

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isSameAs(seen.get(0));
    }

    @Test
    @DisplayName("A request wrapped upstream, then the filter again on the same request: one session")
    void wrappedRequestAndSecondPassShareOneSession() throws Exception {
        List<SessionStore> seen = new ArrayList<>();
        HttpServletRequest wrapped = new HttpServletRequestWrapper(container.request(DispatcherType.REQUEST));
        FilterChain app = (req, res) -> seen.add(SessionFilter.store(req));

        filter.doFilter(wrapped, response, (req, res) -> {
            seen.add(SessionFilter.store(req));
            filter.doFilter(req, res, app);
        });

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isSameAs(seen.get(0));
        assertThat(container.sessionLookups).as("a wrapped request may be a re-entry: looked up").isPositive();
    }

    /** The container's request: attributes that outlive each dispatch, one {@code Cookie} line. */
    private static final class ContainerRequest {
        private final Map<String, Object> attributes = Collections.synchronizedMap(new HashMap<>());
        private int sessionLookups;

        HttpServletRequest request(DispatcherType type) {
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getDispatcherType" -> type;
                        case "getAttribute" -> {
                            if (!args[0].equals(SessionFilter.STORE_ATTRIBUTE)) {
                                sessionLookups++;
                            }
                            yield attributes.get((String) args[0]);
                        }
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "removeAttribute" -> attributes.remove((String) args[0]);
                        case "getHeaders" -> Collections.enumeration(List.of());
                        case "isAsyncStarted" -> false;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> null;
                    });
        }
    }

    private static HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(SessionFilterDispatchTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getStatus" -> 200;
                    case "getBufferSize" -> 8192;
                    case "isCommitted", "containsHeader" -> false;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
