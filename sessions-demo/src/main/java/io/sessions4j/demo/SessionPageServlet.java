package io.sessions4j.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessions4j.api.SessionStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * {@code /session}: everything the session holds and how long it lives. POST switches "remember
 * me" ({@code setExpiry(30 days)}) and "forget me at browser close" ({@code setExpiry(0)}).
 */
final class SessionPageServlet extends PageServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    SessionPageServlet(String engine) {
        super(engine);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SessionStore session = session(request);
        StringBuilder body = new StringBuilder();
        String user = Layout.username(session);
        if (user == null) {
            body.append("<p class=\"notice\">You are not signed in. <a href=\"/login\">Log in</a> to watch "
                    + "<code>cycleKey()</code> give the session a new key.</p>");
        }
        body.append("<section class=\"card\"><h2>The session</h2><dl class=\"facts\">")
                .append(fact("Session key", "session-key", session.getSessionKey() == null
                        ? "<em>none: nothing is stored for you</em>"
                        : "<code>" + Html.text(session.getSessionKey()) + "</code>"))
                .append(fact("Engine", "session-engine", "<code>" + Html.text(engine()) + "</code>"));
        long age = session.getExpiryAge();
        boolean browserClose = session.getExpireAtBrowserClose();
        body.append(fact("Expiry age", "expiry-age", age + " s (" + Html.text(human(age)) + ")"))
                .append(fact("Expires", "expiry-date", "<time>"
                        + Html.text(session.getExpiryDate().truncatedTo(ChronoUnit.SECONDS)) + "</time>"))
                .append(fact("Expires at browser close", "browser-close", browserClose ? "yes" : "no"))
                .append("</dl>");
        if (browserClose) {
            body.append("<p class=\"hint\">The cookie has no expiry date, so the browser drops it when it closes; "
                    + "the stored record still expires after the expiry age.</p>");
        }
        if (user != null) {
            body.append("<form method=\"post\" action=\"/session\" class=\"inline\">").append(CsrfToken.field(session));
            if (browserClose) {
                body.append("<input type=\"hidden\" name=\"remember\" value=\"on\">")
                        .append("<button type=\"submit\" id=\"remember-me\">Remember me for 30 days</button>");
            } else {
                body.append("<input type=\"hidden\" name=\"remember\" value=\"off\">")
                        .append("<button type=\"submit\" id=\"forget-me\">Forget me when the browser closes</button>");
            }
            body.append("</form>");
        }
        body.append("</section><section class=\"card\"><h2>Keys and values</h2>");
        if (session.size() == 0) {
            body.append("<p>The session holds nothing.</p>");
        } else {
            body.append("<table id=\"session-data\"><thead><tr><th>key</th><th>value (JSON)</th></tr></thead><tbody>");
            for (Map.Entry<String, Object> e : session.entrySet()) {
                body.append("<tr><td><code>").append(Html.text(e.getKey())).append("</code></td><td><code>")
                        .append(Html.text(json(e.getValue()))).append("</code></td></tr>");
            }
            body.append("</tbody></table><p class=\"hint\">Keys starting with <code>_session</code> are kept by "
                    + "the library (Django's <code>_session_expiry</code>; the servlet filter's creation time).</p>");
        }
        body.append("</section>");
        render(request, response, HttpServletResponse.SC_OK, "Inside your session", body.toString());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!checkCsrf(request, response)) {
            return;
        }
        SessionStore session = session(request);
        if (Layout.username(session) != null) {
            if ("on".equals(request.getParameter("remember"))) {
                session.setExpiry(LoginServlet.REMEMBER_ME);
            } else {
                session.setExpiry(0);
            }
        }
        seeOther(response, "/session");
    }

    private static String fact(String term, String id, String html) {
        return "<dt>" + Html.text(term) + "</dt><dd id=\"" + id + "\">" + html + "</dd>";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** {@code 1209600} → {@code "14 days"}; coarse on purpose. */
    static String human(long seconds) {
        if (seconds <= 0) {
            return "expired";
        }
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() >= 1) {
            return plural(d.toDays(), "day") + (d.toHoursPart() > 0 ? " " + plural(d.toHoursPart(), "hour") : "");
        }
        if (d.toHours() >= 1) {
            return plural(d.toHours(), "hour") + (d.toMinutesPart() > 0 ? " " + plural(d.toMinutesPart(), "minute") : "");
        }
        if (d.toMinutes() >= 1) {
            return plural(d.toMinutes(), "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
