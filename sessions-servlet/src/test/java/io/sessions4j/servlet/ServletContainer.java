package io.sessions4j.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.Map;

/** An embedded servlet container the suites run on; each {@link #start} starts one more server. */
interface ServletContainer {

    /**
     * Starts a server on 127.0.0.1, an ephemeral port, with {@code filter} on {@code /*} (REQUEST, ASYNC, ERROR;
     * async supported), each servlet at its exact path, and {@code /error-page} as the error page for status 409.
     *
     * @return the base URI, e.g. {@code http://127.0.0.1:41234}
     */
    URI start(Filter filter, Map<String, HttpServlet> servlets) throws Exception;

    /** Stops every server started. */
    void stop() throws Exception;
}
