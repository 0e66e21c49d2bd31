package io.sessions4j.demo;

import io.sessions4j.api.SessionStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shopping cart, kept in the session under {@value #KEY} as a JSON object
 * {@code {"sku": quantity}} — plain JSON, so a Django view could read the same cart.
 */
final class Cart {
    static final String KEY = "cart";
    static final int MAX_QUANTITY = 99;

    private Cart() {
    }

    /**
     * The cart's lines, skipping entries that are not a known product with a positive whole
     * quantity: the JSON playground lets a client store anything under {@value #KEY}.
     */
    static Map<String, Integer> lines(SessionStore session) {
        if (!(session.get(KEY) instanceof Map<?, ?> raw)) {
            return Collections.emptyMap();
        }
        Map<String, Integer> lines = new LinkedHashMap<>();
        raw.forEach((sku, quantity) -> {
            if (sku instanceof String s && Catalog.find(s).isPresent() && quantity instanceof Number n
                    && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() > 0 && n.longValue() <= MAX_QUANTITY) {
                lines.put(s, n.intValue());
            }
        });
        return lines;
    }

    /** How many items the cart holds. */
    static int count(SessionStore session) {
        return lines(session).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Adds {@code quantity} of {@code sku} (capped at {@value #MAX_QUANTITY}). */
    static void add(SessionStore session, String sku, int quantity) {
        Map<String, Integer> lines = new LinkedHashMap<>(lines(session));
        lines.merge(sku, quantity, (a, b) -> Math.min(MAX_QUANTITY, a + b));
        // A new map, put back: changing the loaded map in place would not mark the session modified.
        session.put(KEY, lines);
    }

    /** Removes one product line. */
    static void remove(SessionStore session, String sku) {
        Map<String, Integer> lines = new LinkedHashMap<>(lines(session));
        lines.remove(sku);
        session.put(KEY, lines);
    }

    /** Empties the cart. */
    static void clear(SessionStore session) {
        session.remove(KEY);
    }
}
