package io.sessions4j.demo;

import io.sessions4j.api.SessionStore;
import io.sessions4j.servlet.SessionFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** What the HTML pages share: the session, the page frame, redirects and the CSRF check. */
abstract class PageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final String engine;

    PageServlet(String engine) {
        this.engine = engine;
    }

    /** The request's Django-style session. */
    static SessionStore session(HttpServletRequest request) {
        return SessionFilter.store(request);
    }

    void render(HttpServletRequest request, HttpServletResponse response, int status, String title, String body)
            throws IOException {
        Layout.send(response, status, title, session(request), engine, body);
    }

    String engine() {
        return engine;
    }

    /** POST, then redirect, then GET: reloading the result page never re-submits the form. */
    static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    /**
     * Checks the form's CSRF token; on a mismatch answers 403 and returns false.
     */
    boolean checkCsrf(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (CsrfToken.matches(session(request), request.getParameter(CsrfToken.KEY))) {
            return true;
        }
        render(request, response, HttpServletResponse.SC_FORBIDDEN, "Form expired",
                "<p class=\"error\" id=\"csrf-error\">This form's security token does not match your session "
                        + "(the session may have ended, or the form came from another site).</p>"
                        + "<p><a href=\"" + Html.text(request.getRequestURI()) + "\">Reload the page</a> and try again.</p>");
        return false;
    }
}
