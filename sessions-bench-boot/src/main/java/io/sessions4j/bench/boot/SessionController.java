package io.sessions4j.bench.boot;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints wrk loads, written against the plain {@link HttpSession} so that they are the same code whichever
 * layer keeps the session (Spring Session's or sessions4j's request wrapper).
 *
 * <ul>
 *   <li>{@code GET /create?n=N} starts the session of user N with ten attributes (the shape of sessions-bench's
 *       {@code SessionPayload}: about 500 bytes as JSON) and answers with its cookie; the benchmark preloads
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
    public static final String READ_KEY = "user_id";
    /** The key {@code /write} changes. */
    public static final String WRITE_KEY = "last_seen";

    @GetMapping("/create")
    public String create(@RequestParam(name = "n", defaultValue = "0") int n, HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        payload(n).forEach(session::setAttribute);
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

    /**
     * The ten attributes of user {@code n}: plain JSON types in mutable {@link LinkedHashMap}/{@link ArrayList}s,
     * which sessions4j writes as JSON and Spring Session serializes (its default, Java serialization) alike.
     */
    static Map<String, Object> payload(int n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(READ_KEY, 100_000L + n);
        data.put("username", String.format("shopper%06d", n));
        data.put("is_authenticated", Boolean.TRUE);
        SplittableRandom random = new SplittableRandom(n);
        data.put("token", String.format("%016x%016x", random.nextLong(), random.nextLong()));
        List<Object> cart = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", String.format("SKU-%05d", (n * 31 + i * 977) % 100_000));
            line.put("qty", 1 + (n + i) % 4);
            line.put("price_cents", 499 + 250 * i);
            cart.add(line);
        }
        data.put("cart", cart);
        data.put(WRITE_KEY, 1_767_225_600_000L + n);
        data.put("locale", "en-GB");
        data.put("theme", n % 2 == 0 ? "dark" : "light");
        data.put("flash", "Welcome back! Your basket was saved.");
        data.put("referrer", "/catalog/kitchen?page=2");
        return data;
    }
}
