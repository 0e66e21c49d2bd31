package io.sessions4j.demo;

import io.sessions4j.api.SessionStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /}: what the demo shows and where; also the "not found" page for unmapped paths. */
final class HomeServlet extends PageServlet {
    private static final long serialVersionUID = 1L;

    HomeServlet(String engine) {
        super(engine);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/".equals(request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))) {
            render(request, response, HttpServletResponse.SC_NOT_FOUND, "Not found",
                    "<p>Nothing lives at <code>" + Html.text(request.getRequestURI()) + "</code>. "
                            + "<a href=\"/\">Home</a></p>");
            return;
        }
        SessionStore session = session(request);
        StringBuilder body = new StringBuilder();
        if (request.getParameter("logged_out") != null) {
            body.append("<p class=\"notice\" id=\"notice\">You are logged out: <code>flush()</code> deleted the "
                    + "session's data and key, and the cookie is gone.</p>");
        }
        String user = Layout.username(session);
        body.append("<section class=\"card\"><h2>Your session</h2>");
        if (user != null) {
            body.append("<p>Signed in as <strong>").append(Html.text(user)).append("</strong>. ")
                    .append("<a href=\"/session\">See what the session holds</a>.</p>");
        } else if (session.getSessionKey() == null) {
            body.append("<p>You have no session yet: reading one costs nothing and creates nothing. "
                    + "<a href=\"/login\">Log in</a> or <a href=\"/cart\">fill a cart</a> to get one.</p>");
        } else {
            body.append("<p>You have a session but are not signed in. <a href=\"/login\">Log in</a>.</p>");
        }
        body.append("</section>")
                .append("<section class=\"grid\">")
                .append(tile("/login", "Log in", "The test-cookie check, then <code>cycleKey()</code> against "
                        + "session fixation; “remember me” picks <code>setExpiry(30 days)</code> or "
                        + "<code>setExpiry(0)</code>."))
                .append(tile("/cart", "Shopping cart", "A cart kept in the session: survives restarts of the app "
                        + "with the <code>db</code>, <code>file</code> and Redis engines."))
                .append(tile("/session", "Inside the session", "Every key and value, the session key, the engine, "
                        + "the expiry age and whether it ends with the browser."))
                .append(tile("/api/session", "JSON playground", "<code>GET</code>, <code>PATCH</code>, "
                        + "<code>DELETE /api/session/{key}</code>, <code>POST …/expiry</code>, "
                        + "<code>…/flush</code>, <code>…/cycle</code>: for curl and scripts."))
                .append("</section>")
                .append("<section class=\"card\"><h2>Try it from a shell</h2><pre>")
                .append(Html.text("curl -c jar -b jar -X PATCH -d '{\"color\": \"green\"}' http://HOST/api/session\n"
                        + "curl -c jar -b jar http://HOST/api/session\n"
                        + "curl -c jar -b jar -X POST -d '{\"seconds\": 0}' http://HOST/api/session/expiry\n"
                        + "curl -c jar -b jar -X POST http://HOST/api/session/flush")
                        .replace("HOST", Html.text(hostOf(request))))
                .append("</pre></section>");
        render(request, response, HttpServletResponse.SC_OK, "Django-style sessions, on Jetty", body.toString());
    }

    private static String tile(String href, String title, String html) {
        return "<a class=\"tile\" href=\"" + href + "\"><h3>" + Html.text(title) + "</h3><p>" + html + "</p></a>";
    }

    private static String hostOf(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return host == null || host.isBlank() ? request.getServerName() + ":" + request.getServerPort() : host;
    }
}
