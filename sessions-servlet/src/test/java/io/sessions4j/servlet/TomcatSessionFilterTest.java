package io.sessions4j.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.Map;

/** The end-to-end suite on embedded Tomcat 10.1, whose StandardManager would issue JSESSIONIDs if asked. */
class TomcatSessionFilterTest extends SessionFilterEndToEndTest {
    private final ServletContainer container = new TomcatContainer();

    @Override
    protected URI start(Filter filter, Map<String, HttpServlet> servlets) throws Exception {
        return container.start(filter, servlets);
    }

    @Override
    protected void stop() throws Exception {
        container.stop();
    }
}
