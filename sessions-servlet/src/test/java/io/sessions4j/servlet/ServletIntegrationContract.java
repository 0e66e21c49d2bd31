package io.sessions4j.servlet;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.testkit.SessionIntegrationContract;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.util.Map;

/**
 * The testkit's HTTP suite for {@link SessionFilter}: the {@link TestServlets} app (through {@code HttpSession})
 * on a servlet container, {@code /hold} and {@code /cycle-after-logout} wired to the suite.
 */
abstract class ServletIntegrationContract extends SessionIntegrationContract {
    private final ServletContainer container;

    ServletIntegrationContract(ServletContainer container) {
        this.container = container;
    }

    @Override
    protected URI start(SessionEngine engine) throws Exception {
        TestServlets app = new TestServlets();
        app.concurrentLogout = this::concurrentLogout;
        Map<String, HttpServlet> servlets = app.all();
        servlets.put("/hold", TestServlets.servlet((req, res) -> {
            HttpSession session = req.getSession(false);
            session.getAttribute("user");
            hold();
            session.setAttribute("late", "value");
            res.getWriter().write("done");
        }));
        return container.start(new SessionFilter(engine), servlets);
    }

    @Override
    protected void stop() throws Exception {
        container.stop();
    }
}
