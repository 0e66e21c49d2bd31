package io.sessions4j.bench.boot;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import io.sessions4j.bench.SessionPayload;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints wrk loads, written against the plain {@link HttpSession} so that they are the same code whichever
 * layer keeps the session (Spring Session's or sessions4j's request wrapper).
 *
 * <ul>
 *   <li>{@code GET /create?n=N} starts the session of user N with the ten attributes of
 *       {@link SessionPayload#of(int)}, the session every sessions-bench system stores (about 500 bytes as JSON) and answers with its cookie; the benchmark preloads
 *       sessions through it.</li>
 *   <li>{@code GET /read} reads one value of the existing session ({@value #READ_KEY}); 404 without a session.</li>
 *   <li>{@code GET /write} changes one key ({@value #WRITE_KEY}) of the existing session and answers with the
 *       value written; 404 without a session.</li>
 * </ul>
 * Neither {@code /read} nor {@code /write} creates a session: a request without a valid cookie fails, so a benchmark
 * that lost its sessions shows errors instead of measuring session creation.
 */
@RestController
public class SessionController {
    /** The key {@code /read} reads. */
    public static final String READ_KEY = SessionPayload.READ_KEY_1;
    /** The key {@code /write} changes. */
    public static final String WRITE_KEY = SessionPayload.WRITE_KEY;

    @GetMapping("/create")
    public String create(@RequestParam(name = "n", defaultValue = "0") int n, HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        SessionPayload.of(n).forEach(session::setAttribute);
        return "created " + n;
    }

    @GetMapping("/read")
    public ResponseEntity<String> read(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object value = session == null ? null : session.getAttribute(READ_KEY);
        return value == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(String.valueOf(value));
    }

    @GetMapping("/write")
    public ResponseEntity<String> write(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(READ_KEY) == null) {
            return ResponseEntity.notFound().build();
        }
        // A fresh value each time, so the data really changes (nanoTime: two requests in one millisecond differ).
        long now = System.nanoTime();
        session.setAttribute(WRITE_KEY, now);
        return ResponseEntity.ok(String.valueOf(now));
    }
}
