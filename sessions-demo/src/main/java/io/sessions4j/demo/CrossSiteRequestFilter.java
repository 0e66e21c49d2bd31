package io.sessions4j.demo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses state-changing requests that a browser says come from another site: the JSON playground
 * has no form token, and a cross-site {@code text/plain} POST needs no CORS preflight. Browsers
 * send {@code Sec-Fetch-Site} (and {@code Origin}); curl and scripts send neither and pass.
 */
final class CrossSiteRequestFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> SAME_SITE_FETCHES = Set.of("same-origin", "none");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE_METHODS.contains(request.getMethod()) || isSameOrigin(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setHeader("Cache-Control", "no-store");
        // The refused request's body is never read; if it had not all arrived when this response was committed, Jetty
        // closes the connection, and a client that was not told would send its next request on it and get nothing back.
        response.setHeader("Connection", "close");
        if (request.getRequestURI().startsWith("/api/")) {
            SessionApiServlet.write(response, HttpServletResponse.SC_FORBIDDEN,
                    Map.of("error", "Cross-site request refused"));
        } else {
            byte[] body = "Forbidden: cross-site request refused\n".getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/plain;charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    static boolean isSameOrigin(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return SAME_SITE_FETCHES.contains(fetchSite.trim().toLowerCase(Locale.ROOT));
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true; // not a browser, or one too old to say: the form token still guards the pages
        }
        String host = request.getHeader("Host");
        return host != null && origin.equalsIgnoreCase(request.getScheme() + "://" + host);
    }
}
