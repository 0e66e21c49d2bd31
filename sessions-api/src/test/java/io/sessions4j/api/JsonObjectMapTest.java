package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonObjectMap} behaves exactly as the {@link LinkedHashMap} the decoder gave before (issue #20): the same
 * random sequences of every kind of change, on both, leave the same entries in the same order, with the same answers
 * on the way — below, at and beyond the size where it moves its entries into a LinkedHashMap of its own.
 */
class JsonObjectMapTest {

    @Test
    void randomOperationsMatchLinkedHashMap() {
        Random random = new Random(20);
        for (int run = 0; run < 2_000; run++) {
            int keys = 1 + random.nextInt(run % 3 == 0 ? 40 : 12); // key spaces below and beyond LINEAR_MAX
            JsonObjectMap map = new JsonObjectMap(random.nextInt(20));
            Map<String, Object> model = new LinkedHashMap<>();
            for (int op = 0; op < 120; op++) {
                String key = random.nextInt(25) == 0 ? null : new String("k" + random.nextInt(keys)); // not interned
                Object value = random.nextInt(10) == 0 ? null : random.nextInt(100);
                switch (random.nextInt(12)) {
                    case 0, 1, 2, 3 -> assertThat(map.put(key, value)).isEqualTo(model.put(key, value));
                    case 4 -> assertThat(map.remove(key)).isEqualTo(model.remove(key));
                    case 5 -> assertThat(map.get(key)).isEqualTo(model.get(key));
                    case 6 -> assertThat(map.containsKey(key)).isEqualTo(model.containsKey(key));
                    case 7 -> assertThat(map.putIfAbsent(key, value)).isEqualTo(model.putIfAbsent(key, value));
                    case 8 -> removeEverySecondByIterator(map, model);
                    case 9 -> setEveryValueByEntry(map, model, value);
                    case 10 -> assertThat(map.getOrDefault(key, "d")).isEqualTo(model.getOrDefault(key, "d"));
                    default -> {
                        if (random.nextInt(10) == 0) {
                            map.clear();
                            model.clear();
                        } else {
                            assertThat(map.keySet().remove(key)).isEqualTo(model.keySet().remove(key));
                        }
                    }
                }
                assertSame(map, model);
            }
        }
    }

    @Test
    void largeMapsKeepOrderAcrossTheMoveToAHashTable() {
        JsonObjectMap map = new JsonObjectMap();
        Map<String, Object> model = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            map.put("key" + i, i);
            model.put("key" + i, i);
        }
        map.remove("key3");
        model.remove("key3");
        map.put("key3", "again");
        model.put("key3", "again");
        assertSame(map, model);
    }

    @Test
    void iteratorsFailFastOnAChangeMadeElsewhere() {
        JsonObjectMap map = new JsonObjectMap();
        map.put("a", 1);
        map.put("b", 2);
        Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
        it.next();
        map.put("c", 3);
        assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
        Iterator<String> keys = map.keySet().iterator();
        assertThatThrownBy(keys::remove).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void forEachGivesEveryEntryInOrder() {
        JsonObjectMap map = new JsonObjectMap();
        map.put("x", 1);
        map.put("y", null);
        map.put("x", 2);
        List<String> seen = new ArrayList<>();
        map.forEach((k, v) -> seen.add(k + "=" + v));
        assertThat(seen).containsExactly("x=2", "y=null");
        assertThat(map).hasToString("{x=2, y=null}");
    }

    @Test
    void serializesAsALinkedHashMap() throws Exception {
        JsonObjectMap map = new JsonObjectMap();
        map.put("user", 7);
        map.put("cart", List.of("a"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(map);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Object read = in.readObject();
            assertThat(read).isExactlyInstanceOf(LinkedHashMap.class).isEqualTo(map);
        }
    }

    private static void removeEverySecondByIterator(Map<String, Object> map, Map<String, Object> model) {
        Iterator<Map.Entry<String, Object>> a = map.entrySet().iterator();
        Iterator<Map.Entry<String, Object>> b = model.entrySet().iterator();
        for (int i = 0; a.hasNext(); i++) {
            assertThat(b.hasNext()).isTrue();
            Map.Entry<String, Object> x = a.next();
            Map.Entry<String, Object> y = b.next();
            assertThat(x).isEqualTo(y);
            assertThat(x.hashCode()).isEqualTo(y.hashCode());
            if (i % 2 == 1) {
                a.remove();
                b.remove();
            }
        }
        assertThat(b.hasNext()).isFalse();
    }

    private static void setEveryValueByEntry(Map<String, Object> map, Map<String, Object> model, Object value) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            assertThat(e.setValue(value)).isEqualTo(model.put(e.getKey(), value));
        }
    }

    private static void assertSame(Map<String, Object> map, Map<String, Object> model) {
        assertThat(new ArrayList<>(map.entrySet())).isEqualTo(new ArrayList<>(model.entrySet()));
        assertThat(new ArrayList<>(map.keySet())).isEqualTo(new ArrayList<>(model.keySet()));
        assertThat(new ArrayList<>(map.values())).isEqualTo(new ArrayList<>(model.values()));
        assertThat(map.size()).isEqualTo(model.size());
        assertThat(map.isEmpty()).isEqualTo(model.isEmpty());
        assertThat(map).isEqualTo(model);
        assertThat(model).isEqualTo(map);
        assertThat(map.hashCode()).isEqualTo(model.hashCode());
        assertThat(map.toString()).isEqualTo(model.toString());
    }
}
