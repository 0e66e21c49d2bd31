package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.spi.DecodedCopy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Objects decode into {@link JsonObjectMap}s (issue #20) with exactly what the {@link LinkedHashMap}s gave before:
 * the same entries in the same order at every depth, for many random sessions of every size (below and beyond the
 * size where a JsonObjectMap moves to a hash table), written back to the same bytes, and still copied by
 * {@link DecodedCopy} (so in-process caches keep decodes as before).
 */
class JsonObjectDecodeTest {
    private final JsonSessionSerializer json = new JsonSessionSerializer();

    @Test
    void randomSessionsDecodeToTheSameEntriesInTheSameOrder() {
        Random random = new Random(2026);
        for (int i = 0; i < 3_000; i++) {
            Map<String, Object> session = object(random, 0, i % 10 == 0 ? 60 : 14);
            byte[] bytes = json.serialize(session);
            Map<String, Object> decoded = json.deserialize(bytes);
            assertSameTree(decoded, session);
            assertThat(json.serialize(decoded)).isEqualTo(bytes);
            Map<String, Object> copy = DecodedCopy.of(decoded);
            assertThat(copy).isNotNull();
            assertSameTree(copy, session);
        }
    }

    @Test
    void aRepeatedNameKeepsItsFirstPlaceWithTheLastValueAsInPython() {
        Map<String, Object> read = json.deserialize("{\"a\":1,\"b\":{\"x\":1,\"x\":2},\"a\":3}".getBytes(StandardCharsets.US_ASCII));
        assertThat(new ArrayList<>(read.keySet())).containsExactly("a", "b");
        assertThat(read.get("a")).isEqualTo(3);
        assertThat(read.get("b")).isEqualTo(Map.of("x", 2));
    }

    /**
     * The decoder finds a repeated name by identity (Jackson interns names): every spelling of the same name is one
     * key — escaped, long (past the parser's short-name paths), non-ASCII, and in an object past the array size.
     */
    @Test
    void aRepeatedNameIsFoundHoweverItIsSpelled() {
        String longName = "a_rather_long_session_key_name_past_twelve_bytes";
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 2 * JsonObjectMap.LINEAR_MAX; i++) {
            many.append("\"k").append(i).append("\":").append(i).append(',');
        }
        many.append("\"k\\u0033\":\"last\"}"); // k3 again, escaped
        Map<String, Object> read = json.deserialize(("{\"a\":1,\"\\u0061\":2,\"" + longName + "\":1,\"\u00e9\":1,\"b\":0,"
                + "\"" + longName + "\":2,\"\\u00e9\":2,\"\\u00E9\":3}").getBytes(StandardCharsets.UTF_8));
        assertThat(new ArrayList<>(read.keySet())).containsExactly("a", longName, "\u00e9", "b");
        assertThat(read).containsEntry("a", 2).containsEntry(longName, 2).containsEntry("\u00e9", 3);
        Map<String, Object> large = json.deserialize(many.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(large).hasSize(2 * JsonObjectMap.LINEAR_MAX).containsEntry("k3", "last");
        assertThat(new ArrayList<>(large.keySet()).get(3)).isEqualTo("k3");
    }

    /** Output past the generator's buffer (8000 bytes) arrives in pieces: the same bytes as the mapper writes. */
    @Test
    void aLargeSessionIsWrittenAsTheMapperWritesIt() throws Exception {
        Random random = new Random(20);
        for (int size : new int[] {7_990, 8_000, 8_001, 20_000, 100_000}) {
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("big", "x".repeat(size));
            for (int i = 0; i < 50; i++) {
                session.put("key_" + i, value(random, 1));
            }
            byte[] bytes = json.serialize(session);
            assertThat(bytes).isEqualTo(io.sessions4j.api.signing.DjangoJson.mapper().writeValueAsBytes(session));
            assertSameTree(json.deserialize(bytes), session);
        }
    }

    @Test
    void decodedObjectsAreTheCompactMapAtEveryDepthAndStayMutable() {
        Map<String, Object> read = json.deserialize("{\"cart\":[{\"sku\":\"A\"}],\"user\":{\"id\":1}}".getBytes(StandardCharsets.US_ASCII));
        assertThat(read).isInstanceOf(JsonObjectMap.class);
        assertThat(read.get("user")).isInstanceOf(JsonObjectMap.class);
        assertThat(((List<?>) read.get("cart")).get(0)).isInstanceOf(JsonObjectMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) read.get("user");
        user.put("name", "ann");
        user.remove("id");
        assertThat(new String(json.serialize(read), StandardCharsets.US_ASCII))
                .isEqualTo("{\"cart\":[{\"sku\":\"A\"}],\"user\":{\"name\":\"ann\"}}");
    }

    private static Map<String, Object> object(Random random, int depth, int maxKeys) {
        Map<String, Object> map = new LinkedHashMap<>();
        int keys = random.nextInt(maxKeys + 1);
        for (int k = 0; k < keys; k++) {
            map.put(random.nextInt(4) == 0 ? "k" + random.nextInt(100) : "key_" + k, value(random, depth + 1));
        }
        return map;
    }

    private static Object value(Random random, int depth) {
        switch (random.nextInt(depth > 3 ? 6 : 9)) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return random.nextInt(2000) - 1000;
            case 3:
                return random.nextLong();
            case 4:
                return random.nextInt(4) == 0 ? random.nextDouble() : 0.5 * random.nextInt(100);
            case 5:
                return "s" + random.nextInt(1000) + (random.nextInt(5) == 0 ? "\u00e9\u20ac" : "");
            case 6:
            case 7:
                return object(random, depth, random.nextInt(5) == 0 ? 30 : 5);
            default:
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(8); i > 0; i--) {
                    list.add(value(random, depth + 1));
                }
                return list;
        }
    }

    /** Equal, and every map at every depth in the same order. */
    private static void assertSameTree(Object actual, Object expected) {
        assertThat(actual).isEqualTo(expected);
        if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(new ArrayList<>(a.keySet())).isEqualTo(new ArrayList<>(e.keySet()));
            for (Object key : e.keySet()) {
                assertSameTree(a.get(key), e.get(key));
            }
        } else if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            for (int i = 0; i < e.size(); i++) {
                assertSameTree(a.get(i), e.get(i));
            }
        }
    }
}
