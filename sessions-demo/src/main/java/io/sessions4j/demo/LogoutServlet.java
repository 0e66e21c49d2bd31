package io.sessions4j.demo;

import io.sessions4j.api.SessionStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /logout}: POST calls {@code flush()} (data and key deleted; the filter then deletes the
 * cookie). GET only asks for confirmation: a link or an image must not be able to log anyone out.
 */
final class LogoutServlet extends PageServlet {
    private static final long serialVersionUID = 1L;

    LogoutServlet(String engine) {
        super(engine);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SessionStore session = session(request);
        if (Layout.username(session) == null) {
            seeOther(response, "/");
            return;
        }
        render(request, response, HttpServletResponse.SC_OK, "Log out",
                "<form method=\"post\" action=\"/logout\" class=\"card\">" + CsrfToken.field(session)
                        + "<p>End your session? Its data (your cart too) is deleted.</p>"
                        + "<button type=\"submit\" id=\"confirm-logout\">Log out</button></form>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SessionStore session = session(request);
        // A session that already ended (expired, or logged out in another tab) has nothing to protect.
        if (session.size() > 0 && !checkCsrf(request, response)) {
            return;
        }
        session.flush();
        seeOther(response, "/?logged_out");
    }
}
