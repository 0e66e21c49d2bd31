package io.sessions4j.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The end-to-end suite on embedded Jetty 12 (ee10), with Jetty's own session manager present but unused. */
class JettySessionFilterTest extends SessionFilterEndToEndTest {
    private final java.util.List<Server> servers = new java.util.ArrayList<>();

    @Override
    protected URI start(Filter filter, Map<String, HttpServlet> servlets) throws Exception {
        Server server = new Server();
        servers.add(server);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        // SESSIONS: Jetty's session handler is there, so a delegated getSession() would show a JSESSIONID.
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        servlets.forEach((path, servlet) -> {
            ServletHolder servletHolder = new ServletHolder(servlet);
            servletHolder.setAsyncSupported(true);
            context.addServlet(servletHolder, path);
        });
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.addErrorPage(409, "/error-page");
        context.setErrorHandler(errors);
        server.setHandler(context);
        server.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    protected void stop() throws Exception {
        for (Server server : servers) {
            server.stop();
        }
    }
}
