package io.sessions4j.demo;

import io.sessions4j.api.SessionStore;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/** The frame around every page (head, navigation, footer) and the headers every page sends. */
final class Layout {
    /** The session key holding the signed-in user's name. */
    static final String USERNAME = "username";

    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private Layout() {
    }

    /** The signed-in user's name, or null (also when a client stored something odd under the key). */
    static String username(SessionStore session) {
        return session.get(USERNAME) instanceof String name && !name.isBlank() ? name : null;
    }

    /**
     * Writes a whole page. {@code body} is HTML the caller built, with every value already escaped.
     */
    static void send(HttpServletResponse response, int status, String title, SessionStore session, String engine,
                     String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        // Pages show session data: never cache them, never let another site frame or sniff them.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        String user = username(session);
        StringBuilder page = new StringBuilder(4096);
        page.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.text(title)).append(" · sessions4j demo</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n")
                .append("<header><div class=\"bar\"><a class=\"brand\" href=\"/\">sessions4j <span>demo</span></a><nav>")
                .append("<a href=\"/cart\">Cart");
        int items = Cart.count(session);
        if (items > 0) {
            page.append(" <span class=\"badge\" id=\"cart-count\">").append(items).append("</span>");
        }
        page.append("</a><a href=\"/session\">Session</a><a href=\"/api/session\">JSON</a>");
        if (user != null) {
            page.append("<span class=\"user\">Signed in as <strong id=\"whoami\">").append(Html.text(user))
                    .append("</strong></span><form method=\"post\" action=\"/logout\" class=\"inline\">")
                    .append(CsrfToken.field(session))
                    .append("<button type=\"submit\" id=\"logout\" class=\"link\">Log out</button></form>");
        } else {
            page.append("<a href=\"/login\" id=\"login-link\">Log in</a>");
        }
        page.append("</nav></div></header>\n<main>\n<h1>").append(Html.text(title)).append("</h1>\n")
                .append(body)
                .append("\n</main>\n<footer>Engine <code id=\"engine\">").append(Html.text(engine))
                .append("</code> · Django-compatible sessions for the JVM</footer>\n</body>\n</html>\n");
        PrintWriter out = response.getWriter();
        out.write(page.toString());
    }
}
