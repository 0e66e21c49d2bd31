package io.sessions4j.bench.http;

import io.sessions4j.bench.SessionPayload;
import io.sessions4j.bench.system.EngineSystem;
import io.sessions4j.bench.system.Probe;
import io.sessions4j.servlet.SessionFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import javax.management.ObjectName;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The server of the request-level benchmark ({@code sessions-bench/request-bench.sh}): embedded Jetty 12 on
 * 127.0.0.1 with three endpoints, {@code /read} (reads one session value), {@code /write} (changes one key) and
 * {@code /untouched} (never touches the session: what the filter costs a request that does not use it),
 * either bare ({@code none}: the same handlers without any session, the floor) or behind {@link SessionFilter}
 * over one of the benchmark's engines with preloaded sessions, whose keys it writes to a file for wrk.
 *
 * <p>Usage: {@code RequestServer <none|engine system name> <port> <keys file>}; runs until killed (SIGTERM drops
 * what the engine created: tables, Redis keys, files).
 */
public final class RequestServer {
    private RequestServer() {
    }

    public static void main(String[] args) throws Exception {
        String system = args[0];
        int port = Integer.parseInt(args[1]);
        Path keysFile = Path.of(args[2]);
        boolean bare = system.equals("none");
        EngineSystem engine = bare ? null : EngineSystem.open(system, Probe.NONE, 1000);
        Files.write(keysFile, bare ? java.util.List.of("none") : engine.sentKeys().subList(0, 256));

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        if (!bare) {
            context.addFilter(new FilterHolder(new SessionFilter(engine.engine())), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new Endpoint(bare ? Use.NONE : Use.READ)), "/read");
        context.addServlet(new ServletHolder(new Endpoint(bare ? Use.NONE : Use.WRITE)), "/write");
        context.addServlet(new ServletHolder(new Endpoint(Use.NONE)), "/untouched");
        if (Boolean.getBoolean(RequestMeter.PROPERTY)) {
            // Only for request-cpu.sh: two reads of the thread's CPU clock per request are not free.
            RequestMeter meter = new RequestMeter(context);
            ManagementFactory.getPlatformMBeanServer().registerMBean(meter, new ObjectName(RequestMeter.NAME));
            server.setHandler(meter);
        } else {
            server.setHandler(context);
        }
        if (!bare) {
            // request-bench.sh and request-cpu.sh stop a server with SIGTERM: drop its tables and keys then,
            // or every run leaves them in PostgreSQL and Redis.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (Exception e) {
                    System.err.println("stopping Jetty: " + e);
                }
                engine.close();
            }, "request-server-cleanup"));
        }
        server.start();
        System.out.println("ready " + system + " on " + port);
        server.join();
    }

    /**
     * A calibration only ({@value #BUSY_PROPERTY}, nanoseconds, default 0): every endpoint spins this long before it
     * answers, so a bare server can be made as slow in its handler as a filter server with the same bytes on the
     * wire; what its process and wrk then cost over the plain bare server is what any handler time costs outside
     * the handler (fewer requests per wake-up), not what the session filter does differently.
     */
    static final String BUSY_PROPERTY = "sessions4j.bench.busyNanos";
    private static final long BUSY_NANOS = Long.getLong(BUSY_PROPERTY, 0);

    /** What an endpoint does with the session. */
    private enum Use { NONE, READ, WRITE }

    /** One endpoint: the same response body with or without a session, so only the session's cost differs. */
    private static final class Endpoint extends HttpServlet {
        private final Use use;

        Endpoint(Use use) {
            this.use = use;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String body = "ok";
            if (BUSY_NANOS > 0) {
                long until = System.nanoTime() + BUSY_NANOS;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            if (use == Use.WRITE) {
                SessionFilter.store(request).put(SessionPayload.WRITE_KEY, System.nanoTime());
            } else if (use == Use.READ) {
                body = String.valueOf(SessionFilter.store(request).get("user_id"));
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/plain");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }
}
