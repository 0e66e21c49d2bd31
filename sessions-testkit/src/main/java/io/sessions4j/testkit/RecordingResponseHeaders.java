package io.sessions4j.testkit;

import io.sessions4j.api.http.RequestHeaders;
import io.sessions4j.api.http.ResponseHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response's headers in memory, for tests of {@link io.sessions4j.api.http.SessionLifecycle} without a web
 * server; plus {@link #cookies} to make the request side.
 */
public final class RecordingResponseHeaders implements ResponseHeaders {
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    /** Request headers carrying one {@code Cookie} line with each value under {@code name}; none when empty. */
    public static RequestHeaders cookies(String name, List<String> values) {
        if (values.isEmpty()) {
            return header -> List.of();
        }
        String line = String.join("; ", values.stream().map(v -> name + "=" + v).toList());
        return header -> header.equalsIgnoreCase("Cookie") ? List.of(line) : List.of();
    }

    @Override
    public void add(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    }

    @Override
    public void set(String name, String value) {
        List<String> values = new ArrayList<>();
        values.add(value);
        headers.put(name.toLowerCase(Locale.ROOT), values);
    }

    @Override
    public List<String> values(String name) {
        return List.copyOf(headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    /** The {@code Set-Cookie} lines. */
    public List<String> setCookies() {
        return values("Set-Cookie");
    }

    /** Whether {@code Vary} names {@code Cookie}. */
    public boolean varyCookie() {
        return values("Vary").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("cookie"));
    }

    @Override
    public String toString() {
        return headers.toString();
    }
}
