package io.sessions4j.demo;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.servlet.SessionFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo web app on embedded Jetty 12 (ee10): the sessions4j {@link SessionFilter} in front of a
 * few server-rendered pages and the JSON playground under {@code /api/session}.
 *
 * <pre>{@code
 * try (DemoServer server = new DemoServer(settings, "127.0.0.1", 0)) {
 *     server.start();
 *     URI home = server.uri();
 * }
 * }</pre>
 */
public final class DemoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);

    private final SessionSettings settings;
    private final String host;
    private final int port;
    private final Clock clock;
    private SessionEngine engine;
    private Server server;
    private ServerConnector connector;

    /**
     * @param settings the sessions configuration (engine, cookie, secret)
     * @param host     the address to listen on, e.g. {@code 127.0.0.1}
     * @param port     the port, or 0 for any free one (see {@link #uri()})
     */
    public DemoServer(SessionSettings settings, String host, int port) {
        this(settings, host, port, Clock.systemUTC());
    }

    /** As {@link #DemoServer(SessionSettings, String, int)}, with the clock sessions and cookies use. */
    public DemoServer(SessionSettings settings, String host, int port, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Builds the engine and starts listening.
     *
     * @throws io.sessions4j.api.SessionConfigurationException for bad settings
     * @throws Exception                                       when Jetty cannot start (port in use, …)
     */
    public synchronized void start() throws Exception {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        engine = SessionEngines.load(settings, clock);
        try {
            server = new Server(threadPool());
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            server.addConnector(connector);
            server.setHandler(context(engine));
            server.start();
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
        LOG.info("sessions4j demo listening on {} (engine {})", uri(), engine.name());
    }

    private ServletContextHandler context(SessionEngine engine) {
        // No container sessions: request.getSession() is the sessions4j one, through the filter.
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.setDefaultRequestCharacterEncoding("UTF-8");
        context.setDefaultResponseCharacterEncoding("UTF-8");
        EnumSet<DispatcherType> dispatches = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        context.addFilter(new FilterHolder(new CrossSiteRequestFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new SessionFilter(engine)), "/*", dispatches);
        String name = engine.name();
        add(context, new HomeServlet(name), "/");
        add(context, new LoginServlet(name), "/login");
        add(context, new SessionPageServlet(name), "/session");
        add(context, new CartServlet(name), "/cart");
        add(context, new LogoutServlet(name), "/logout");
        add(context, new SessionApiServlet(engine), "/api/session/*");
        add(context, new StylesheetServlet(), "/style.css");
        return context;
    }

    private static void add(ServletContextHandler context, HttpServlet servlet, String path) {
        context.addServlet(new ServletHolder(servlet), path);
    }

    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("demo-http");
        return pool;
    }

    /** Where the app listens, e.g. {@code http://127.0.0.1:8000/}, with the actual port when started on 0. */
    public synchronized URI uri() {
        if (connector == null) {
            throw new IllegalStateException("not started");
        }
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shownHost + ":" + connector.getLocalPort() + "/");
    }

    /** The engine behind the app (built by {@link #start()}). */
    public synchronized SessionEngine engine() {
        if (engine == null) {
            throw new IllegalStateException("not started");
        }
        return engine;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        Server s;
        synchronized (this) {
            s = server;
        }
        if (s != null) {
            s.join();
        }
    }

    /** Stops listening, then closes the engine (its pool and files). Safe to call more than once. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("Jetty did not stop cleanly", e);
            }
            server = null;
            connector = null;
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
