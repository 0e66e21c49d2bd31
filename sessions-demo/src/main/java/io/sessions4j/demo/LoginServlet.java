package io.sessions4j.demo;

import io.sessions4j.api.SessionStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code /login}: Django's login view in small. GET sets the test cookie; POST checks that the
 * browser sent it back, then starts the signed-in session under a new key.
 */
final class LoginServlet extends PageServlet {
    private static final long serialVersionUID = 1L;
    static final Duration REMEMBER_ME = Duration.ofDays(30);
    static final int MAX_USERNAME = 64;

    LoginServlet(String engine) {
        super(engine);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        form(request, response, HttpServletResponse.SC_OK, null, "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SessionStore session = session(request);
        if (!session.testCookieWorked()) {
            // The browser did not send back the cookie set with the form: nothing could keep it signed in.
            form(request, response, HttpServletResponse.SC_BAD_REQUEST, "Please enable cookies and try again.", "");
            return;
        }
        if (!checkCsrf(request, response)) {
            return;
        }
        String username = Objects.requireNonNullElse(request.getParameter("username"), "").strip();
        if (username.isEmpty() || username.length() > MAX_USERNAME || username.chars().anyMatch(Character::isISOControl)) {
            form(request, response, HttpServletResponse.SC_BAD_REQUEST,
                    "Enter a user name of 1 to " + MAX_USERNAME + " printable characters.", username);
            return;
        }
        session.deleteTestCookie();
        String previous = Layout.username(session);
        if (previous != null && !previous.equals(username)) {
            // Django's login(): another user's data (their cart) must not leak to this one.
            session.flush();
        } else {
            // Same data, new key: a key planted before login (session fixation) is worthless now.
            session.cycleKey();
        }
        CsrfToken.rotate(session);
        session.put(Layout.USERNAME, username);
        if (request.getParameter("remember") != null) {
            session.setExpiry(REMEMBER_ME);
        } else {
            session.setExpiry(0); // the cookie ends with the browser
        }
        seeOther(response, "/session");
    }

    private void form(HttpServletRequest request, HttpServletResponse response, int status, String error,
                      String username) throws IOException {
        SessionStore session = session(request);
        session.setTestCookie();
        StringBuilder body = new StringBuilder();
        String user = Layout.username(session);
        if (user != null) {
            body.append("<p class=\"notice\">You are signed in as <strong>").append(Html.text(user))
                    .append("</strong>; logging in as someone else starts a fresh session.</p>");
        }
        if (error != null) {
            body.append("<p class=\"error\" id=\"login-error\">").append(Html.text(error)).append("</p>");
        }
        body.append("<form method=\"post\" action=\"/login\" class=\"card form\">")
                .append(CsrfToken.field(session))
                .append("<label for=\"username\">User name</label>")
                .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required maxlength=\"")
                .append(MAX_USERNAME).append("\" value=\"").append(Html.text(username)).append("\">")
                .append("<p class=\"hint\">No password: this demo believes you.</p>")
                .append("<label class=\"check\"><input type=\"checkbox\" id=\"remember\" name=\"remember\" value=\"on\"> ")
                .append("Remember me for 30 days (otherwise the session ends when the browser closes)</label>")
                .append("<button type=\"submit\" id=\"login\">Log in</button></form>")
                .append("<p class=\"hint\">Showing this form called <code>setTestCookie()</code>; logging in checks "
                        + "<code>testCookieWorked()</code>, then <code>deleteTestCookie()</code> and "
                        + "<code>cycleKey()</code>.</p>");
        render(request, response, status, "Log in", body.toString());
    }
}
