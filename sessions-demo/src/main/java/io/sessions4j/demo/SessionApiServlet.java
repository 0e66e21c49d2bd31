package io.sessions4j.demo;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.SessionTooLargeException;
import io.sessions4j.servlet.SessionFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON playground under {@code /api/session}, for curl and scripts:
 * <ul>
 *   <li>{@code GET /api/session} → {@code {"session_key", "data", "expiry_age", "expire_at_browser_close"}}</li>
 *   <li>{@code PATCH /api/session} with a JSON object → puts each key; 413 (and no change) when a signed-cookie
 *       session would no longer fit its cookie</li>
 *   <li>{@code DELETE /api/session/{key}} → removes it (404 when absent)</li>
 *   <li>{@code POST /api/session/expiry} with {@code {"seconds": n}}, {@code {"seconds": 0}} (browser
 *       close), {@code {"seconds": null}} (the global policy) or {@code {"at": "ISO-8601"}}</li>
 *   <li>{@code POST /api/session/flush} (logout) and {@code POST /api/session/cycle} (new key, same data)</li>
 * </ul>
 * Every change answers the session as {@code GET} shows it; every error is {@code {"error": "..."}}.
 */
final class SessionApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String RESERVED_PREFIX = "_session";
    private static final String EXPIRY_FORMS = "expected {\"seconds\": n}, {\"seconds\": 0}, {\"seconds\": null} "
            + "or {\"at\": \"ISO-8601 date-time with offset\"}";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Exact decimals: a double would turn 1e400 into Infinity, which JSON cannot store.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The cookie a signed-cookie session would be written to; null where the cookie carries a key only. */
    private final transient CookieFit cookieFit;

    /** @param engine the engine behind the filter: tells whether the session lives in the cookie */
    SessionApiServlet(SessionEngine engine) {
        this.cookieFit = CookieFit.of(engine);
    }

    /** A request the playground refuses, answered as {@code {"error": message}}. */
    private static final class ApiError extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        ApiError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod();
        SessionStore session = SessionFilter.store(request);
        try {
            if (path.equals("/")) {
                switch (method) {
                    case "GET", "HEAD" -> { }
                    case "PATCH" -> patch(session, readObject(request), cookieFit);
                    default -> throw notAllowed(response, "GET, HEAD, PATCH");
                }
            } else if (method.equals("POST") && path.equals("/expiry")) {
                try {
                    expiry(session, readObject(request));
                } catch (IllegalArgumentException e) { // out of range: the store says which range
                    throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
                }
            } else if (method.equals("POST") && path.equals("/flush")) {
                session.flush();
            } else if (method.equals("POST") && path.equals("/cycle")) {
                session.cycleKey();
            } else if (method.equals("DELETE")) {
                String key = path.substring(1);
                if (!session.containsKey(key)) {
                    throw new ApiError(HttpServletResponse.SC_NOT_FOUND, "The session has no key '" + key + "'");
                }
                session.remove(key);
            } else if (path.equals("/expiry") || path.equals("/flush") || path.equals("/cycle")) {
                throw notAllowed(response, "POST");
            } else {
                throw notAllowed(response, "DELETE");
            }
        } catch (ApiError e) {
            write(response, e.status, Map.of("error", e.getMessage()));
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD") && session.getSessionKey() == null && session.size() > 0) {
            // A new session gets its key when saved; save now so this answer can show it. (The filter
            // still writes the cookie, with one more save: the price of showing the key at once.)
            session.save();
        }
        write(response, HttpServletResponse.SC_OK, describe(session));
    }

    /** The session as the playground shows it. */
    static Map<String, Object> describe(SessionStore session) {
        // Data first: reading it drops a key that names no stored session, which the key must reflect.
        Map<String, Object> data = new LinkedHashMap<>(session);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session_key", session.getSessionKey());
        out.put("data", data);
        out.put("expiry_age", session.getExpiryAge());
        out.put("expire_at_browser_close", session.getExpireAtBrowserClose());
        return out;
    }

    private static void patch(SessionStore session, JsonNode body, CookieFit cookieFit) throws ApiError {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (key.isEmpty()) {
                throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "Session keys cannot be empty");
            }
            if (key.startsWith(RESERVED_PREFIX)) {
                throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "'" + key + "' is reserved for the library; "
                        + "set the expiry with POST /api/session/expiry");
            }
            values.put(key, toJava(field.getValue()));
        }
        if (cookieFit != null) {
            try {
                cookieFit.check(session, values);
            } catch (SessionTooLargeException e) {
                throw new ApiError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, e.getMessage());
            }
        }
        // All or nothing: a bad key or a session too large for its cookie left the session untouched.
        values.forEach(session::put);
    }

    private static void expiry(SessionStore session, JsonNode body) throws ApiError {
        boolean hasSeconds = body.has("seconds");
        boolean hasAt = body.has("at");
        if (hasSeconds == hasAt || body.size() != 1) {
            throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, EXPIRY_FORMS);
        }
        if (hasSeconds) {
            JsonNode seconds = body.get("seconds");
            if (seconds.isNull()) {
                session.setExpiry((Object) null);
            } else if (seconds.isIntegralNumber() && seconds.canConvertToLong()) {
                session.setExpiry(seconds.longValue());
            } else {
                throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "\"seconds\" must be a whole number or null, not "
                        + seconds + "; " + EXPIRY_FORMS);
            }
            return;
        }
        JsonNode at = body.get("at");
        if (!at.isTextual()) {
            throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "\"at\" must be a string; " + EXPIRY_FORMS);
        }
        session.setExpiry(parseInstant(at.textValue()));
    }

    private static Instant parseInstant(String text) throws ApiError {
        try {
            // With an offset or Z: a date-time without one would depend on the server's time zone.
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeException e) {
            throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "\"at\": '" + text
                    + "' is not an ISO-8601 date-time with an offset, such as 2030-01-31T12:00:00Z");
        }
    }

    private static JsonNode readObject(HttpServletRequest request) throws IOException, ApiError {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "The body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "Malformed JSON"
                    + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "The body is empty: send a JSON object");
        }
        if (!node.isObject()) {
            throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "Expected a JSON object, got " + node.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT));
        }
        return node;
    }

    private static Object toJava(JsonNode node) throws ApiError {
        try {
            return JSON.treeToValue(node, Object.class);
        } catch (JsonProcessingException e) {
            throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "Unsupported JSON value: " + e.getOriginalMessage());
        }
    }

    private static ApiError notAllowed(HttpServletResponse response, String allowed) {
        response.setHeader("Allow", allowed);
        return new ApiError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method not allowed here; allowed: " + allowed);
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
