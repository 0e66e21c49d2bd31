package io.sessions4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The session every system stores: ten keys, about 500 bytes as JSON, the shape of a logged-in shop
 * user (user id, username, a login flag, a 32-character token, a cart of five small maps, a
 * timestamp, locale, theme and two short strings). Values are plain JSON types in mutable
 * {@link LinkedHashMap}/{@link ArrayList}s, which Jackson writes and Java serialization (Spring
 * Session's default) accepts alike.
 */
public final class SessionPayload {
    /** The two keys a read-only request reads. */
    public static final String READ_KEY_1 = "user_id";
    public static final String READ_KEY_2 = "theme";
    /** The key a changing request writes (a fresh timestamp each time, so the data really changes). */
    public static final String WRITE_KEY = "last_seen";

    private SessionPayload() {
    }

    /** Prints the size of the payload as compact JSON, in bytes (for the report). */
    public static void main(String[] args) throws Exception {
        System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(of(0)).length);
    }

    /** The payload of user {@code n}; every call returns a new, mutable map. */
    public static Map<String, Object> of(int n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", 100_000 + n);
        data.put("username", String.format("shopper%06d", n));
        data.put("is_authenticated", true);
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
