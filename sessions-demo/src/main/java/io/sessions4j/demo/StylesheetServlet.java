package io.sessions4j.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code /style.css}, from the class path: plain CSS, no build step. */
final class StylesheetServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final byte[] css;

    StylesheetServlet() {
        try (InputStream in = StylesheetServlet.class.getResourceAsStream("style.css")) {
            if (in == null) {
                throw new IllegalStateException("style.css is missing from the class path");
            }
            css = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/css;charset=UTF-8");
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(css.length);
        response.getOutputStream().write(css);
    }
}
