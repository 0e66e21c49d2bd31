package io.sessions4j.servlet;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionException;
import io.sessions4j.api.SessionInterruptedException;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.http.SessionFailure;
import io.sessions4j.api.http.SessionLifecycle;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Django's {@code SessionMiddleware} as a Jakarta Servlet filter: {@code request.getSession()}
 * returns an {@link jakarta.servlet.http.HttpSession} backed by a sessions4j {@link SessionStore},
 * and the session is saved and its cookie written before the response is committed (flush,
 * redirect, {@code sendError}, a large body, async completion), exactly once.
 *
 * <p>Build it from an engine the application owns ({@link #SessionFilter(SessionEngine)}), from
 * settings ({@link #SessionFilter(SessionSettings)}: the filter then owns the engine and closes it
 * in {@link #destroy()}), or declare it in {@code web.xml} with init parameters:
 * {@code config} (a properties file path, or {@code classpath:name}; default
 * {@code classpath:sessions.properties} when that resource exists, else no file: the defaults, the init
 * parameters and {@code SESSIONS_*} environment variables) and any {@code sessions.*} key, which overrides
 * the file.
 *
 * <p>Map it for {@code REQUEST} and {@code ASYNC} dispatches (and {@code ERROR} if error pages use
 * the session), with async support enabled.
 *
 * <p>The Django-style store of the current request is {@link #store(ServletRequest)}, also the
 * request attribute {@value #STORE_ATTRIBUTE}.
 *
 * <p>Failures: a session deleted by a concurrent request while this one saved
 * ({@link SessionInterruptedException}) answers 400; a storage fault ({@link SessionStorageException},
 * whether reading in the application or saving here) answers 503 with a short body, leaving the
 * stored data as it was. If the response is already committed, the failure is logged.
 */
public class SessionFilter implements Filter {
    /** Request attribute holding the request's {@link SessionStore}. */
    public static final String STORE_ATTRIBUTE = "io.sessions4j.api.SessionStore";
    /** Init parameter naming the settings file ({@code classpath:} prefix for a class path resource). */
    public static final String CONFIG_PARAMETER = "config";
    static final String DEFAULT_CONFIG = "classpath:sessions.properties";
    private static final String SESSION_ATTRIBUTE = ServletExchange.class.getName();
    private static final Logger LOG = LoggerFactory.getLogger(SessionFilter.class);

    private SessionLifecycle lifecycle;
    private SessionEngine ownedEngine;

    /** For containers that instantiate filters themselves: configured in {@link #init(FilterConfig)}. */
    public SessionFilter() {
    }

    /**
     * A filter over an engine the application owns (and closes). Cookie dates and session times come from
     * the engine's clock.
     */
    public SessionFilter(SessionEngine engine) {
        this.lifecycle = new SessionLifecycle(Objects.requireNonNull(engine, "engine"));
    }

    /** A filter that loads the configured engine ({@link SessionEngines#load}) and closes it in {@link #destroy()}. */
    public SessionFilter(SessionSettings settings) {
        this.ownedEngine = SessionEngines.load(settings);
        this.lifecycle = new SessionLifecycle(ownedEngine);
    }

    /**
     * The session store of the current request: Django's {@code request.session}.
     *
     * @throws IllegalStateException when the request did not pass through this filter
     */
    public static SessionStore store(ServletRequest request) {
        if (request instanceof SessionRequestWrapper wrapper) {
            // The request the application was handed: no attribute lookup through the container.
            return wrapper.store();
        }
        Object store = request.getAttribute(STORE_ATTRIBUTE);
        if (store instanceof SessionStore s) {
            return s;
        }
        throw new IllegalStateException("No sessions4j session on this request: is " + SessionFilter.class.getName()
                + " mapped for it?");
    }

    /**
     * For frameworks that catch the application's exceptions and answer them themselves (Javalin): the request
     * failed, so its session saves nothing more and writes no session header. Does nothing for a request that did
     * not pass through this filter.
     */
    public static void abandon(ServletRequest request) {
        if (request.getAttribute(SESSION_ATTRIBUTE) instanceof ServletExchange session) {
            session.abandon();
        }
    }

    /** The engine behind this filter. */
    public SessionEngine engine() {
        return requireLifecycle().engine();
    }

    /**
     * Reads the settings from the init parameters, unless the filter was built with an engine or
     * settings.
     *
     * @throws SessionConfigurationException naming the bad key or file
     */
    @Override
    public void init(FilterConfig config) {
        if (lifecycle != null) {
            return;
        }
        SessionSettings settings = settings(config);
        ownedEngine = SessionEngines.load(settings);
        lifecycle = new SessionLifecycle(ownedEngine);
        LOG.info("sessions4j filter started with engine {}", ownedEngine.name());
    }

    private static SessionSettings settings(FilterConfig config) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            if (name.startsWith("sessions.")) {
                overrides.put(name, config.getInitParameter(name));
            }
        }
        String location = config.getInitParameter(CONFIG_PARAMETER);
        SessionSettings settings;
        if (location == null && (!overrides.isEmpty() || !defaultResourceExists())) {
            // No file named and none on the class path: init parameters and SESSIONS_* variables are enough
            // (a missing secret still fails, naming sessions.secret.key).
            settings = SessionSettings.from(overrides, System.getenv());
            overrides.clear();
        } else {
            String where = location == null ? DEFAULT_CONFIG : location.trim();
            settings = where.startsWith("classpath:") ? SessionSettings.fromResource(where.substring("classpath:".length()))
                    : SessionSettings.fromFile(Path.of(where));
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            settings = settings.with(e.getKey(), e.getValue());
        }
        return settings;
    }

    private static boolean defaultResourceExists() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        String name = DEFAULT_CONFIG.substring("classpath:".length());
        return (loader != null ? loader : SessionFilter.class.getClassLoader()).getResource(name) != null;
    }

    /** Closes the engine if this filter loaded it. */
    @Override
    public void destroy() {
        if (ownedEngine != null) {
            ownedEngine.close();
            ownedEngine = null;
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        DispatcherType type = request.getDispatcherType();
        // The container's own request on its first dispatch cannot carry a session yet: no attribute lookup.
        // Any other dispatch (async, error, forward) or a request wrapped upstream may be a re-entry.
        ServletExchange session = type == DispatcherType.REQUEST && !(request instanceof ServletRequestWrapper) ? null
                : (ServletExchange) request.getAttribute(SESSION_ATTRIBUTE);
        boolean first = session == null;
        if (first) {
            try {
                session = ServletExchange.open(requireLifecycle(), request, response);
            } catch (SessionStorageException e) {
                respondToFailure(response, SessionFailure.of(e).orElseThrow());
                return;
            }
            request.setAttribute(STORE_ATTRIBUTE, session.store());
            request.setAttribute(SESSION_ATTRIBUTE, session);
        }
        ServletRequest chainRequest = request;
        ServletResponse chainResponse = response;
        if (!SessionRequestWrapper.wrapsSession(request)) {
            // The first dispatch, or an error dispatch the container made with its own objects.
            SessionResponseWrapper wrappedResponse = new SessionResponseWrapper(response, session);
            chainRequest = new SessionRequestWrapper(request, wrappedResponse, session, this);
            chainResponse = wrappedResponse;
        }
        // Forwards and includes run inside a dispatch that ends the request itself.
        boolean ends = first || type == DispatcherType.ASYNC || type == DispatcherType.ERROR;
        try {
            chain.doFilter(chainRequest, chainResponse);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            session.abandon();
            Optional<SessionFailure> fault = SessionFailure.of(e);
            if (fault.isEmpty()) {
                throw e; // the container answers 500: nothing is saved
            }
            respondToFailure(session.response(), fault.get());
            return;
        }
        if (ends && !request.isAsyncStarted()) {
            complete(session);
        }
    }

    /**
     * Ends the request's session: commits the exchange if nothing committed the response yet, turns a
     * session failure into its answer, saves changes made after the commit.
     */
    void complete(ServletExchange session) {
        HttpServletResponse response = session.response();
        try {
            session.commit(response.getStatus());
        } catch (SessionException e) {
            // kept in session.failure(), answered below
        }
        // Also when the application caught what a commit inside its own write threw.
        Optional<SessionFailure> failure = SessionFailure.of(session.failure());
        if (failure.isPresent()) {
            session.abandon();
            respondToFailure(response, failure.get());
            return;
        }
        session.complete(response.getStatus());
    }

    private static void respondToFailure(HttpServletResponse response, SessionFailure failure) {
        failure.log();
        if (response.isCommitted()) {
            LOG.warn("Could not answer {}: the response was already committed", failure.status());
            return;
        }
        writeShort(response, failure.status(), failure.body());
    }

    private static void writeShort(HttpServletResponse response, int status, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        try {
            response.reset();
            response.setStatus(status);
            response.setContentType("text/plain;charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(body.length);
            OutputStream out = response.getOutputStream();
            out.write(body);
            out.flush();
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Could not write the {} response", status, e);
        }
    }

    private SessionLifecycle requireLifecycle() {
        if (lifecycle == null) {
            throw new IllegalStateException("SessionFilter is not initialised: build it with an engine or settings, "
                    + "or let the container call init()");
        }
        return lifecycle;
    }
}
