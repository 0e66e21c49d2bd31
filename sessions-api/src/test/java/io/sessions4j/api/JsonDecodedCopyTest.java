package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link JsonSessionSerializer#decodedCopy}, which lets a store keep the session it just wrote without decoding it
 * (issue #20), held to the real round trip: for any data it copies, the copy equals {@code deserialize(serialize(data))}
 * with the same classes and key order all the way down and shares no map or list with the data; for data whose decode
 * it does not mirror it answers null.
 */
class JsonDecodedCopyTest {
    private final JsonSessionSerializer json = new JsonSessionSerializer();

    @Property(tries = 2000)
    void copyIsTheRoundTrip(@ForAll("sessions") Map<String, Object> data) {
        Map<String, Object> copy = json.decodedCopy(data);
        assertThat(copy).as("every value here is mirrored").isNotNull();
        assertSameTree(json.deserialize(json.serialize(data)), copy, "$");
        assertNothingShared(data, copy);
    }

    @Example
    void numbersAtTheEdges() {
        Map<String, Object> data = new LinkedHashMap<>();
        long[] longs = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L,
                Long.MAX_VALUE, Long.MIN_VALUE, 999_999_999L, 1_000_000_000L, -9_999_999_999L};
        for (long l : longs) {
            data.put("l" + l, l);
        }
        double[] doubles = {-0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                Double.MAX_VALUE, 1e16, 1e7, 1e-4, 0.1, 94.97, 2.0, 4.35, 1e23};
        for (int i = 0; i < doubles.length; i++) {
            data.put("d" + i, doubles[i]);
        }
        data.put("s", "\ud800 lone, \udfff, 😀, \u007f, \u0000, \"quoted\"");
        copyIsTheRoundTrip(data);
        assertThat(json.decodedCopy(data).get("l0")).isInstanceOf(Integer.class);
        // Equal as Doubles whatever their bits; the decode's NaN is the canonical one, and so is the copy's.
        Map<String, Object> oddNaN = Map.of("n", Double.longBitsToDouble(0x7ff0000000000001L));
        assertThat(Double.doubleToRawLongBits((Double) json.decodedCopy(oddNaN).get("n")))
                .isEqualTo(Double.doubleToRawLongBits((Double) json.deserialize(json.serialize(oddNaN)).get("n")));
        assertThat(json.decodedCopy(data).get("l" + Long.MAX_VALUE)).isInstanceOf(Long.class);
    }

    @Example
    void refusesWhatItDoesNotMirror() {
        // Each reads back as something else, or through Jackson's object layer: a date as a String, a float's digits
        // as another double, a BigDecimal of scale 0 as an Integer, a Set as a list, a record as a map, Integer keys as
        // String keys.
        for (Object value : List.of(LocalDate.of(2026, 12, 1), 0.1f, new BigDecimal("12"), new BigDecimal("0.10"),
                BigInteger.ONE, (short) 1, (byte) 1, 'c', new int[] {1}, new Object[] {"a"}, Set.of("a"),
                Map.of(1, "a"), new Point(1, 2))) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("ok", "plain");
            data.put("nested", new ArrayList<>(List.of(Map.of("deep", value))));
            assertThat(json.decodedCopy(data)).as("%s", value.getClass()).isNull();
            assertThat(json.decodedCopy(Map.of("top", value))).as("%s", value.getClass()).isNull();
        }
        // Written, but longer than the parser reads (Jackson's StreamReadConstraints): no decode gives it back.
        for (Map<String, Object> unread : List.<Map<String, Object>>of(Map.of("k", "a".repeat(20_000_001)),
                Map.of("m", Map.of("k".repeat(50_001), 1)))) {
            assertThatThrownBy(() -> json.deserialize(json.serialize(unread))).isInstanceOf(IllegalArgumentException.class);
            assertThat(json.decodedCopy(unread)).isNull();
        }
        copyIsTheRoundTrip(new LinkedHashMap<>(Map.of("k", "a".repeat(20_000_000), "k".repeat(50_000), 1)));
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThat(json.decodedCopy(Map.of("m", nullKey))).isNull();
    }

    record Point(int x, int y) {
    }

    @Provide
    Arbitrary<Map<String, Object>> sessions() {
        return maps(values(), 8);
    }

    private static Arbitrary<Object> values() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(strings().map(v -> (Object) v), Arbitraries.integers().map(v -> (Object) v),
                Arbitraries.longs().map(v -> (Object) v),
                Arbitraries.integers().map(v -> (Object) (long) v),
                Arbitraries.longs().map(Double::longBitsToDouble).map(v -> (Object) v),
                Arbitraries.doubles().ofScale(2).between(-1e6, 1e6).map(v -> (Object) v),
                Arbitraries.of(true, false).map(v -> (Object) v), Arbitraries.just(null));
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).flatMap(l -> Arbitraries.of(
                        (Object) new ArrayList<>(l), new LinkedList<>(l), Collections.unmodifiableList(l))),
                maps(inner, 4).map(m -> (Object) m)), 0, 3);
    }

    /** String-keyed maps of every kind a session may hold: ordered, hashed, sorted, the decoder's own. */
    private static Arbitrary<Map<String, Object>> maps(Arbitrary<Object> values, int maxSize) {
        return Arbitraries.maps(strings(), values).ofMaxSize(maxSize).flatMap(m -> {
            JsonObjectMap decoders = new JsonObjectMap();
            decoders.putAll(m);
            return Arbitraries.<Map<String, Object>>of(new LinkedHashMap<>(m), new HashMap<>(m), new TreeMap<>(m), decoders);
        });
    }

    private static Arbitrary<String> strings() {
        Arbitrary<String> codePoints = Arbitraries.integers().between(0, Character.MAX_CODE_POINT).list().ofMaxSize(6)
                .map(cps -> {
                    StringBuilder out = new StringBuilder();
                    cps.forEach(out::appendCodePoint);
                    return out.toString();
                });
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12), codePoints);
    }

    /** Equal, with the same classes all the way down and the same key order. */
    static void assertSameTree(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            assertThat(actual).as(path).isEqualTo(expected);
            return;
        }
        assertThat(actual.getClass()).as(path).isEqualTo(expected.getClass());
        if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(new ArrayList<>(a.keySet())).as(path).isEqualTo(new ArrayList<>(e.keySet()));
            e.forEach((k, v) -> assertSameTree(v, a.get(k), path + "." + k));
        } else if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            assertThat(a).as(path).hasSameSizeAs(e);
            Iterator<?> ai = a.iterator();
            int i = 0;
            for (Object v : e) {
                assertSameTree(v, ai.next(), path + "[" + i++ + "]");
            }
        } else {
            // Double.equals tells -0.0 from 0.0 and holds NaN equal to itself: the exact value.
            assertThat(Objects.equals(expected, actual)).as("%s: %s vs %s", path, expected, actual).isTrue();
        }
    }

    /** No map or list of the copy is one of the data's: a later change to either never shows in the other. */
    private static void assertNothingShared(Object data, Object copy) {
        Map<Object, Boolean> containers = new IdentityHashMap<>();
        collect(data, containers);
        assertThat(containers).isNotEmpty();
        Map<Object, Boolean> copied = new IdentityHashMap<>();
        collect(copy, copied);
        copied.keySet().forEach(c -> assertThat(containers).doesNotContainKey(c));
    }

    private static void collect(Object value, Map<Object, Boolean> containers) {
        if (value instanceof Map<?, ?> m) {
            containers.put(m, true);
            m.values().forEach(v -> collect(v, containers));
        } else if (value instanceof List<?> l) {
            containers.put(l, true);
            l.forEach(v -> collect(v, containers));
        }
    }
}
