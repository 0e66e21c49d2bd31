package io.sessions4j.servlet;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.testkit.SessionIntegrationContract;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.util.Map;

/**
 * The testkit's HTTP suite for {@link SessionFilter}: the {@link TestServlets} app (through {@code HttpSession})
 * on a servlet container, with the suite's {@code /hold}, {@code /cycle-after-logout} and typed-value routes.
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
        servlets.put("/typed-put", TestServlets.servlet((req, res) -> {
            req.getSession().setAttribute("profile", PROFILE);
            req.getSession().setAttribute("visits", 3L);
            res.getWriter().write("ok");
        }));
        servlets.put("/typed-get", TestServlets.servlet((req, res) -> {
            Profile profile = (Profile) req.getSession(false).getAttribute("profile");
            Long visits = (Long) req.getSession(false).getAttribute("visits");
            res.getWriter().write(profile + " visits=" + visits);
        }));
        return container.start(new SessionFilter(engine), servlets);
    }

    @Override
    protected void stop() throws Exception {
        container.stop();
    }
}
