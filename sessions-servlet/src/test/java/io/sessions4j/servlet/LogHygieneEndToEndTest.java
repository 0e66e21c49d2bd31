package io.sessions4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.InMemorySessionStorage;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testlog.LogCapture;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE S1 over a whole realistic run on Jetty: log in, read, cycle the key, send a tampered
 * cookie, write the session from a servlet that commits the response behind the filter's back, log
 * out. Every line is captured at every level (sessions-testlog), and {@code LogLeakExtension} fails
 * this test if any of them held a session key, a cookie value or the secret.
 */
class LogHygieneEndToEndTest {
    private static final String SECRET = "log-hygiene-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    @Test
    @DisplayName("S1 a realistic run logs no session key, cookie value or secret, at any level")
    void realisticRunLeaksNothing() throws Exception {
        StorageSessionEngine engine = new StorageSessionEngine("memory",
                SessionSettings.of(Map.of("sessions.engine", "memory", "sessions.secret.key", SECRET)),
                MutableClock.startingNow(), new InMemorySessionStorage());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new SessionFilter(engine)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(TestServlets.servlet((req, res) -> {
            req.getSession().setAttribute("user", req.getParameter("user"));
            req.changeSessionId();
            res.getWriter().write("in");
        })), "/login");
        context.addServlet(new ServletHolder(TestServlets.servlet((req, res) -> {
            HttpSession session = req.getSession(false);
            res.getWriter().write(session == null ? "anonymous" : String.valueOf(session.getAttribute("user")));
        })), "/me");
        context.addServlet(new ServletHolder(TestServlets.servlet((req, res) -> {
            // A framework that writes through the container's own response: committed before the
            // filter could add the session headers.
            req.getSession().setAttribute("visited", true);
            var raw = res instanceof HttpServletResponseWrapper wrapper ? wrapper.getResponse() : res;
            raw.getWriter().write("early");
            raw.flushBuffer();
        })), "/early");
        context.addServlet(new ServletHolder(TestServlets.servlet((req, res) -> {
            req.getSession().invalidate();
            res.getWriter().write("out");
        })), "/logout");
        server.setHandler(context);
        server.start();
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        try (LogCapture.Recording log = LogCapture.record()) {
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/login?user=alice")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            String key = cookie.substring(cookie.indexOf('=') + 1);
            for (String path : List.of("/me", "/early", "/me", "/logout", "/me")) {
                http.send(HttpRequest.newBuilder(base.resolve(path)).header("Cookie", cookie).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            http.send(HttpRequest.newBuilder(base.resolve("/me")).header("Cookie", "sessionid=" + key.substring(0, 31) + "q")
                    .build(), HttpResponse.BodyHandlers.ofString());
            // The run went through the path that used to print the Set-Cookie values.
            assertThat(log.lines()).anyMatch(l -> l.contains("committed before the session headers could be written"));
        } finally {
            server.stop();
            engine.close();
        }
    }
}
