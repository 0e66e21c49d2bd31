package io.sessions4j.spi;

import io.sessions4j.api.JsonObjectMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep copies of decoded session data, with exactly the classes the decode gave: {@link LinkedHashMap},
 * {@link JsonObjectMap} and {@link ArrayList} are copied, the immutable JSON leaves (String, Boolean, the boxed numbers, BigInteger,
 * BigDecimal, null) are shared. Anything else — a type this class cannot prove immutable or copy faithfully —
 * makes the copy refuse (null), so such data is simply not kept and every read decodes it again.
 *
 * <p>For storages that keep decoded data in process ({@link SessionStorage.Stored#decoded()}): they keep a deep
 * copy made here and hand it out read-only; {@link io.sessions4j.api.SessionStore} copies the top-level map when it
 * first changes it and each nested map or list with {@link #copy(Object)} before it hands it to application code.
 */
public final class DecodedCopy {
    /** Thrown inside a copy that meets a value it cannot copy faithfully; no stack trace, never escapes. */
    private static final RuntimeException UNCOPYABLE = new RuntimeException("uncopyable", null, false, false) {
    };

    private DecodedCopy() {
    }

    /** A deep copy of {@code data}, or null when it holds a value this class cannot copy faithfully. */
    public static Map<String, Object> of(Map<String, Object> data) {
        if (data.getClass() != LinkedHashMap.class && data.getClass() != JsonObjectMap.class) {
            return null;
        }
        try {
            return copyMap(data);
        } catch (RuntimeException e) {
            if (e == UNCOPYABLE) {
                return null;
            }
            throw e;
        }
    }

    /**
     * A deep copy of one value of data that {@link #of} accepted (maps and lists copied, immutable leaves shared).
     *
     * @throws IllegalArgumentException for a value {@link #of} would have refused
     */
    public static Object copy(Object value) {
        try {
            return copyValue(value);
        } catch (RuntimeException e) {
            if (e == UNCOPYABLE) {
                throw new IllegalArgumentException("Not decoded session data: " + value.getClass().getName());
            }
            throw e;
        }
    }

    /** Whether {@link #copy} copies {@code value} rather than sharing it: a map or a list. */
    public static boolean isContainer(Object value) {
        return value instanceof Map || value instanceof List;
    }

    private static Object copyValue(Object value) {
        if (value == null) {
            return null;
        }
        Class<?> type = value.getClass();
        if (type == String.class || type == Boolean.class || type == Integer.class || type == Long.class
                || type == Double.class || type == BigDecimal.class || type == BigInteger.class || type == Float.class
                || type == Short.class || type == Byte.class) {
            return value; // immutable (BigDecimal and BigInteger only as themselves, not as a subclass)
        }
        if (type == LinkedHashMap.class || type == JsonObjectMap.class) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            return copyMap(map);
        }
        if (type == ArrayList.class) {
            List<?> list = (List<?>) value;
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copyValue(element));
            }
            return copy;
        }
        throw UNCOPYABLE;
    }

    /** A copy of the same class: a LinkedHashMap, or the JSON serializer's JsonObjectMap. */
    private static Map<String, Object> copyMap(Map<String, Object> map) {
        // Sized so that the copy never grows (a LinkedHashMap: never rehashes at the default load factor).
        Map<String, Object> copy = map instanceof JsonObjectMap ? new JsonObjectMap(map.size())
                : new LinkedHashMap<>((int) (map.size() / 0.75f) + 1);
        for (Map.Entry<String, Object> e : map.entrySet()) {
            copy.put(e.getKey(), copyValue(e.getValue()));
        }
        return copy;
    }
}
