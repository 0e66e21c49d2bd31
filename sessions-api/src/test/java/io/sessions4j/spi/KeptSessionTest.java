package io.sessions4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeptSessionTest {
    private static final Instant SIGNED = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant END = Instant.parse("2026-11-30T13:00:00.000000500Z");
    private static final Object JUDGE = new Object();

    private static Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", 42);
        data.put("theme", "dark");
        data.put("cart", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("sku", "A")))));
        data.put("prefs", new LinkedHashMap<>(Map.of("lang", "en")));
        data.put("nothing", null);
        data.put("ratio", 0.5);
        return data;
    }

    private static KeptSession kept(Map<String, Object> data) {
        return KeptSession.of(data, SIGNED, END, JUDGE);
    }

    @Test
    @DisplayName("KS1 reads as the decoded map: same entries, same order, equal to it, null values kept apart from absent keys")
    void ks1_readsAsDecoded() {
        Map<String, Object> data = data();
        KeptSession kept = kept(data);
        assertThat(kept).isEqualTo(data).hasSize(data.size());
        assertThat(new ArrayList<>(kept.keySet())).containsExactlyElementsOf(data.keySet());
        assertThat(kept.get("user_id")).isEqualTo(42);
        assertThat(kept.containsKey("nothing")).isTrue();
        assertThat(kept.get("nothing")).isNull();
        assertThat(kept.containsKey("absent")).isFalse();
        assertThat(kept.slotOf("absent")).isNegative();
        assertThat(kept.get(7)).as("a key that is not a String").isNull();
        assertThat(kept.data()).isSameAs(kept);
        assertThat(kept.signedAt()).isEqualTo(SIGNED);
        assertThat(kept.hashCode()).isEqualTo(data.hashCode());
    }

    @Test
    @DisplayName("KS2 a deep copy: changing the decoded map or its nested values afterwards changes nothing kept")
    @SuppressWarnings("unchecked")
    void ks2_deepCopy() {
        Map<String, Object> data = data();
        KeptSession kept = kept(data);
        data.put("theme", "light");
        ((List<Object>) data.get("cart")).add("more");
        ((Map<String, Object>) data.get("prefs")).put("lang", "fr");
        assertThat(kept).isEqualTo(data());
    }

    @Test
    @DisplayName("KS3 read-only: every mutator throws, through the map and through its views")
    void ks3_readOnly() {
        KeptSession kept = kept(data());
        List<Consumer<KeptSession>> mutators = List.of(k -> k.put("x", 1), k -> k.remove("theme"), k -> k.remove("absent"),
                k -> k.putAll(Map.of("x", 1)), KeptSession::clear, k -> k.replaceAll((key, v) -> v),
                k -> k.putIfAbsent("x", 1), k -> k.computeIfAbsent("x", key -> 1), k -> k.merge("theme", "x", (a, b) -> b),
                k -> k.keySet().remove("theme"), k -> k.values().clear(), k -> k.entrySet().iterator().next().setValue(1),
                k -> {
                    var it = k.entrySet().iterator();
                    it.next();
                    it.remove();
                });
        for (Consumer<KeptSession> mutator : mutators) {
            assertThatThrownBy(() -> mutator.accept(kept)).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(kept).isEqualTo(data());
    }

    @Test
    @DisplayName("KS4 which values are maps or lists is recorded per slot, also past the 64 slots a bit mask covers")
    void ks4_containers() {
        for (int size : new int[] {0, 1, 6, 47, 48, 200}) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                data.put("k" + i, switch (i % 4) {
                    case 0 -> new ArrayList<>(List.of(i));
                    case 1 -> new LinkedHashMap<>(Map.of("i", i));
                    case 2 -> "s" + i;
                    default -> i;
                });
            }
            KeptSession kept = kept(data);
            assertThat(kept).as("size %d", size).isEqualTo(data);
            for (String key : data.keySet()) {
                int slot = kept.slotOf(key);
                assertThat(slot).isNotNegative();
                assertThat(kept.valueAt(slot)).isEqualTo(data.get(key));
                assertThat(kept.isContainerAt(slot)).as("%s of %d keys", key, size)
                        .isEqualTo(DecodedCopy.isContainer(data.get(key)));
            }
        }
    }

    @Test
    @DisplayName("KS5 keys with the same hash are told apart (equal keys that are other String instances are found)")
    void ks5_collisions() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Aa", 1);
        data.put("BB", 2); // "Aa".hashCode() == "BB".hashCode()
        data.put("AaAa", 3);
        data.put("BBBB", 4);
        data.put("AaBB", 5);
        KeptSession kept = kept(data);
        assertThat(kept.get(new String("BB"))).isEqualTo(2);
        assertThat(kept.get(new String("Aa"))).isEqualTo(1);
        assertThat(kept.get("BBAa")).isNull();
        assertThat(kept).isEqualTo(data);
    }

    @Test
    @DisplayName("KS6 data a deep copy cannot hold faithfully is not kept")
    void ks6_refused() {
        assertThat(kept(new HashMap<>(Map.of("a", 1)))).as("not a decode's LinkedHashMap").isNull();
        Map<String, Object> pojo = new LinkedHashMap<>(Map.of("when", Instant.EPOCH));
        assertThat(kept(pojo)).isNull();
        Map<String, Object> nullKey = new LinkedHashMap<>();
        nullKey.put(null, 1);
        assertThat(kept(nullKey)).isNull();
    }

    @Test
    @DisplayName("KS7 the end answers only to its judge, to the nanosecond: live strictly before it")
    void ks7_end() {
        KeptSession kept = kept(data());
        assertThat(kept.end()).isEqualTo(END);
        assertThat(kept.judgedBy(JUDGE)).isTrue();
        assertThat(kept.judgedBy(new Object())).isFalse();
        assertThat(kept.endsAfter(END.minusNanos(1))).isTrue();
        assertThat(kept.endsAfter(END)).isFalse();
        assertThat(kept.endsAfter(END.plusNanos(1))).isFalse();
        assertThat(kept.endsAfter(END.minusSeconds(1).plusNanos(999_999_000))).isTrue();
        assertThat(kept.endsAfter(END.plusSeconds(1).minusNanos(600))).isFalse();
        assertThat(kept.toString()).doesNotContain("dark", "42");
    }
}
