package io.sessions4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the session lifecycle just before the response is committed, after the idea of Spring
 * Session's {@code OnCommittedResponseWrapper}: on {@code flushBuffer}, {@code sendError},
 * {@code sendRedirect}, a flush or close of the body, and before a write that reaches the
 * {@code Content-Length} or may overflow the container's buffer.
 *
 * <p>Buffer overflow is judged conservatively, because containers commit at different points:
 * Tomcat when the buffer is full, Jetty also on any single write larger than its aggregation size
 * (a quarter of the buffer by default). Writer characters count as the charset's maximum bytes
 * per character. Running the lifecycle early is harmless: a later change is still saved at the end
 * of the request, only without a fresh cookie.
 */
final class SessionResponseWrapper extends HttpServletResponseWrapper {
    private final ServletExchange session;
    private long contentLength = -1;
    private long written;
    private CommitDetectingOutputStream stream;
    private CommitDetectingWriter writer;

    SessionResponseWrapper(HttpServletResponse response, ServletExchange session) {
        super(response);
        this.session = session;
    }

    ServletExchange session() {
        return session;
    }

    /** Runs the lifecycle now, with the current status, unless it already ran. */
    void beforeCommit() {
        beforeCommit(getStatus());
    }

    private void beforeCommit(int status) {
        session.commit(status); // once: later calls return at once
    }

    /** Counts body bytes about to be written and commits the session first if they may commit the response. */
    void beforeWrite(long bytes) {
        if (session.isCommitted()) {
            return;
        }
        written += bytes;
        if (contentLength >= 0 && written >= contentLength) {
            beforeCommit(); // the whole body: the container commits now
            return;
        }
        int buffer = getBufferSize();
        if (written >= buffer || bytes > buffer / 4) {
            beforeCommit();
        }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        beforeCommit(sc);
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        beforeCommit(sc);
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit(SC_FOUND);
        super.sendRedirect(location);
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        super.flushBuffer();
    }

    @Override
    public void reset() {
        super.reset();
        written = 0;
        contentLength = -1;
        // The lifecycle may have run early (conservative overflow guess): keep its headers.
        session.rewriteHeaders();
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        written = 0;
    }

    @Override
    public void setContentLength(int len) {
        super.setContentLength(len);
        contentLength = len;
    }

    @Override
    public void setContentLengthLong(long len) {
        super.setContentLengthLong(len);
        contentLength = len;
    }

    @Override
    public void setHeader(String name, String value) {
        super.setHeader(name, value);
        trackContentLength(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        super.addHeader(name, value);
        trackContentLength(name, value);
    }

    @Override
    public void setIntHeader(String name, int value) {
        super.setIntHeader(name, value);
        trackContentLength(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        super.addIntHeader(name, value);
        trackContentLength(name, Integer.toString(value));
    }

    private void trackContentLength(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            try {
                contentLength = value == null ? -1 : Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                contentLength = -1;
            }
        }
    }

    /** Sessions never travel in URLs: no {@code ;jsessionid}, and the container's session is never consulted. */
    @Override
    public String encodeURL(String url) {
        return url;
    }

    @Override
    public String encodeRedirectURL(String url) {
        return url;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        ServletOutputStream delegate = super.getOutputStream();
        if (stream == null || stream.delegate() != delegate) {
            stream = new CommitDetectingOutputStream(delegate, this);
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        PrintWriter delegate = super.getWriter();
        if (writer == null || writer.delegate() != delegate) {
            writer = new CommitDetectingWriter(delegate, this, maxBytesPerChar());
        }
        return writer;
    }

    /** The most bytes one character of the response's charset may take (4 when unknown). */
    int maxBytesPerChar() {
        String encoding = getCharacterEncoding();
        if (encoding == null) {
            return 4;
        }
        Integer known = MAX_BYTES_PER_CHAR.get(encoding);
        if (known != null) {
            return known;
        }
        int computed = maxBytesPerChar(encoding);
        if (MAX_BYTES_PER_CHAR.size() < 64) { // the names an application uses; bounded all the same
            MAX_BYTES_PER_CHAR.put(encoding, computed);
        }
        return computed;
    }

    // Per charset name, once: a CharsetEncoder per response was a measurable part of the filter's cost.
    private static final Map<String, Integer> MAX_BYTES_PER_CHAR = new ConcurrentHashMap<>();

    private static int maxBytesPerChar(String encoding) {
        try {
            return (int) Math.ceil(Charset.forName(encoding.toUpperCase(Locale.ROOT)).newEncoder().maxBytesPerChar());
        } catch (RuntimeException e) {
            return 4; // unknown charset: the container will complain; count generously meanwhile
        }
    }
}
