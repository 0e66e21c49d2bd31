package io.sessions4j.api.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** Reads the Django-generated test vectors from {@code /django-vectors.json} on the test classpath. */
final class Vectors {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNode ROOT = load();

    private Vectors() {
    }

    private static JsonNode load() {
        try (InputStream in = Vectors.class.getResourceAsStream("/django-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("/django-vectors.json not on the test classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each record of section {@code name}, named "section[i] salt ..." so failures point at the record. */
    static Stream<Arguments> section(String name) {
        JsonNode array = ROOT.get(name);
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalStateException("no vectors in section " + name);
        }
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode r = array.get(i);
            String label = name + "[" + i + "]" + (r.has("why") ? " " + r.get("why").asText() : "")
                    + (r.has("salt") ? " salt=" + r.get("salt").asText() : "");
            out.add(Arguments.of(Named.of(label, r)));
        }
        return out.stream();
    }

    static String text(JsonNode r, String field) {
        JsonNode n = r.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalStateException("record has no text field " + field + ": " + r);
        }
        return n.asText();
    }

    static Instant instant(JsonNode r, String field) {
        return Instant.ofEpochSecond(r.get(field).asLong());
    }

    /** A {@code max_age_seconds} field: null or absent means no limit. */
    static Duration maxAge(JsonNode r) {
        JsonNode n = r.get("max_age_seconds");
        return n == null || n.isNull() ? null : Duration.ofSeconds(n.asLong());
    }

    static List<String> textList(JsonNode r, String field) {
        List<String> out = new ArrayList<>();
        r.get(field).forEach(n -> out.add(n.asText()));
        return out;
    }
}
