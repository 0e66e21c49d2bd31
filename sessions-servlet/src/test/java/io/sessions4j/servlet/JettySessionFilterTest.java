package io.sessions4j.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.Map;

/** The end-to-end suite on embedded Jetty 12 (ee10), with Jetty's own session manager present but unused. */
class JettySessionFilterTest extends SessionFilterEndToEndTest {
    private final ServletContainer container = new JettyContainer();

    @Override
    protected URI start(Filter filter, Map<String, HttpServlet> servlets) throws Exception {
        return container.start(filter, servlets);
    }

    @Override
    protected void stop() throws Exception {
        container.stop();
    }
}
