package io.sessions4j.testkit;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of every kind of value the API documents for sessions (CONFORMANCE A15/A16), for property tests:
 * strings (astral characters and lone surrogates included), Integer, Long, BigInteger, Double (NaN, ±Infinity,
 * -0.0, subnormals), BigDecimal (up to 1e±400), Boolean, null, nested lists and maps, and records.
 */
public final class SessionValues {
    private SessionValues() {
    }

    /** A value and the type it is read back with ({@code get(key, type)}). */
    public record Typed(Object value, Class<?> type) {
        @Override
        public String toString() {
            return type.getSimpleName() + ":" + value;
        }
    }

    /** A record with a field of every documented kind; allow it as a typed value by {@code Profile.class.getName()}. */
    public record Profile(String name, int count, long big, BigInteger huge, double ratio, BigDecimal money, boolean active,
                          List<String> tags, Map<String, Long> scores, Profile parent) {
    }

    /** Any documented value with its type. */
    public static Arbitrary<Typed> typed() {
        return Arbitraries.oneOf(
                strings().map(v -> new Typed(v, String.class)),
                Arbitraries.integers().map(v -> new Typed(v, Integer.class)),
                Arbitraries.longs().map(v -> new Typed(v, Long.class)),
                bigIntegers().map(v -> new Typed(v, BigInteger.class)),
                doubles().map(v -> new Typed(v, Double.class)),
                bigDecimals().map(v -> new Typed(v, BigDecimal.class)),
                Arbitraries.of(true, false).map(v -> new Typed(v, Boolean.class)),
                Arbitraries.just(new Typed(null, Object.class)),
                json().filter(v -> v instanceof List || v instanceof Map).map(v -> new Typed(v, v instanceof List ? List.class : Map.class)),
                profiles().map(v -> new Typed(v, Profile.class)));
    }

    /** Strings of any UTF-16 content: random chars, and code points across every plane (lone surrogates too). */
    public static Arbitrary<String> strings() {
        Arbitrary<String> codePoints = Arbitraries.integers().between(0, Character.MAX_CODE_POINT).list().ofMaxSize(6)
                .map(cps -> {
                    StringBuilder out = new StringBuilder();
                    cps.forEach(out::appendCodePoint);
                    return out.toString();
                });
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12), codePoints);
    }

    public static Arbitrary<BigInteger> bigIntegers() {
        BigInteger limit = BigInteger.TEN.pow(60);
        return Arbitraries.bigIntegers().between(limit.negate(), limit)
                .edgeCases(c -> c.add(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)));
    }

    /** Every bit pattern: NaNs, infinities, -0.0, subnormals, and ordinary decimals. */
    public static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.doubles().ofScale(2).between(-1e6, 1e6),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
                        Double.MAX_VALUE, 1e16, 0.1));
    }

    /** Decimals with up to 40 digits and exponents from -400 to 400 (money, {@code 12345678901234567.89}, 1e400). */
    public static Arbitrary<BigDecimal> bigDecimals() {
        BigInteger limit = BigInteger.TEN.pow(40);
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.bigIntegers().between(limit.negate(), limit), Arbitraries.integers().between(-400, 400))
                        .as(BigDecimal::new),
                Arbitraries.of(new BigDecimal("12345678901234567.89"), new BigDecimal("1e400"), new BigDecimal("0.10")));
    }

    /**
     * Nested JSON whose every leaf reads back as itself untyped: String, Integer, Long beyond int, BigInteger beyond
     * long, Double, Boolean, null; lists and String-keyed maps, three levels deep at most.
     */
    public static Arbitrary<Object> json() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(strings(), Arbitraries.integers(),
                Arbitraries.longs().filter(l -> l < Integer.MIN_VALUE || l > Integer.MAX_VALUE),
                bigIntegers().filter(b -> b.bitLength() > 63), doubles(), Arbitraries.of(true, false),
                Arbitraries.just(null));
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(strings(), inner).ofMaxSize(4).map(m -> (Object) m)), 0, 3);
    }

    public static Arbitrary<Profile> profiles() {
        return Arbitraries.lazyOf(() -> profile(Arbitraries.just(null)), () -> profile(profile(Arbitraries.just(null))));
    }

    private static Arbitrary<Profile> profile(Arbitrary<Profile> parent) {
        Arbitrary<Object[]> numbers = Combinators.combine(strings(), Arbitraries.integers(), Arbitraries.longs(),
                bigIntegers(), doubles()).as((name, count, big, huge, ratio) -> new Object[] {name, count, big, huge, ratio});
        Arbitrary<Object[]> rest = Combinators.combine(bigDecimals(), Arbitraries.of(true, false), strings().list().ofMaxSize(3),
                Arbitraries.maps(strings(), Arbitraries.longs()).ofMaxSize(3)).as((money, active, tags, scores) ->
                new Object[] {money, active, tags, scores});
        return Combinators.combine(numbers, rest, parent.injectNull(0.5)).as((n, r, p) -> new Profile((String) n[0],
                (Integer) n[1], (Long) n[2], (BigInteger) n[3], (Double) n[4], (BigDecimal) r[0], (Boolean) r[1],
                castList(r[2]), castMap(r[3]), p));
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> castMap(Object o) {
        return (Map<String, Long>) o;
    }

    /**
     * Equality as the store promises it: exact everywhere ({@code Double.equals}: NaN is NaN, -0.0 is not 0.0),
     * except that a {@code BigDecimal} compares by value — JSON numbers carry no scale ({@code 1.10} = {@code 1.1}).
     * Records compare component by component under the same rule.
     */
    public static boolean sameValue(Object expected, Object actual) {
        if (expected instanceof BigDecimal e) {
            return actual instanceof BigDecimal a && e.compareTo(a) == 0;
        }
        if (expected instanceof Record e) {
            if (actual == null || actual.getClass() != e.getClass()) {
                return false;
            }
            try {
                for (RecordComponent c : e.getClass().getRecordComponents()) {
                    if (!sameValue(c.getAccessor().invoke(e), c.getAccessor().invoke(actual))) {
                        return false;
                    }
                }
                return true;
            } catch (ReflectiveOperationException x) {
                throw new IllegalStateException(x);
            }
        }
        if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a) || a.size() != e.size()) {
                return false;
            }
            Iterator<?> ai = a.iterator();
            return e.stream().allMatch(v -> sameValue(v, ai.next()));
        }
        if (expected instanceof Map<?, ?> e) {
            return actual instanceof Map<?, ?> a && a.keySet().equals(e.keySet())
                    && e.entrySet().stream().allMatch(x -> sameValue(x.getValue(), a.get(x.getKey())));
        }
        return Objects.equals(expected, actual) && (expected == null || expected.getClass() == actual.getClass());
    }
}
