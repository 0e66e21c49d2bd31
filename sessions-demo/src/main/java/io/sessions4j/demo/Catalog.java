package io.sessions4j.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The few things the demo shop sells. Prices are in cents so sums stay exact. */
final class Catalog {
    /** One product. */
    record Product(String sku, String name, int priceCents) {
    }

    private static final Map<String, Product> PRODUCTS = new LinkedHashMap<>();

    static {
        add(new Product("tea", "Green tea (100 g)", 450));
        add(new Product("beans", "Coffee beans (250 g)", 890));
        add(new Product("mug", "Enamel mug", 1200));
        add(new Product("cookie", "A cookie (not the session kind)", 150));
    }

    private Catalog() {
    }

    private static void add(Product product) {
        PRODUCTS.put(product.sku(), product);
    }

    static Iterable<Product> all() {
        return PRODUCTS.values();
    }

    static Optional<Product> find(String sku) {
        return Optional.ofNullable(sku == null ? null : PRODUCTS.get(sku));
    }

    /** {@code 1234} → {@code "12.34"}. */
    static String price(long cents) {
        return String.format(java.util.Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }
}
