package io.sessions4j.api;

import io.sessions4j.spi.SessionSerializer;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sessions4j.api.signing.DjangoJson;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Jackson-based JSON, compatible with Django's {@code JSONSerializer} (see {@link DjangoJson}):
 * compact, keys in insertion order, ASCII only. Java time values are written as ISO-8601 strings.
 * Polymorphic typing is never enabled: the bytes name no classes (typed values are a separate,
 * allowlisted layer: {@link TypedValues}).
 *
 * <p><b>Objects decode into {@link JsonObjectMap}s</b>, arrays into {@code ArrayList}s: mutable, in the order read,
 * a repeated name keeping its first place with its last value (as Python's dict). A JsonObjectMap behaves as a
 * {@code LinkedHashMap} in a third of its bytes (issue #20); code that needs a {@code LinkedHashMap} itself copies.
 *
 * <p><b>Numbers read back as they were written</b> (CONFORMANCE A16). Integers come back as
 * {@code Integer}, {@code Long} or {@code BigInteger}, whichever fits. A decimal number comes back as
 * a {@code Double} when that double prints back as the same number, and as an exact {@code BigDecimal}
 * when a double would lose digits ({@code 12345678901234567.89}, {@code 1e400}): money never silently
 * rounds. {@code NaN}, {@code Infinity} and {@code -Infinity} are written and read as the bare tokens
 * Python's {@code json} module uses, so Django reads them as floats too. JSON numbers have no scale:
 * {@code get(key, BigDecimal.class)} returns the same value ({@code compareTo == 0}); {@code 1.10} may come
 * back as {@code 1.1} (use {@link SessionStore#putTyped} to keep the scale).
 */
public final class JsonSessionSerializer implements SessionSerializer {
    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final FieldNames names = new FieldNames();
    // What the parser refuses (Jackson's StreamReadConstraints) and the generator writes all the same: decodedCopy keeps
    // none of it, so that a session no decode can read is never served from a copy.
    private final int maxStringLength;
    private final int maxNameLength;

    public JsonSessionSerializer() {
        this.mapper = DjangoJson.mapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(new SimpleModule("sessions4j-exact-values").addDeserializer(Object.class,
                        new ExactValueDeserializer()));
        this.writer = mapper.writer();
        this.reader = mapper.readerFor(Object.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxStringLength = mapper.getFactory().streamReadConstraints().getMaxStringLength();
        this.maxNameLength = mapper.getFactory().streamReadConstraints().getMaxNameLength();
    }

    @Override
    public byte[] serialize(Map<String, Object> data) {
        return write(data);
    }

    /**
     * Decodes a JSON object.
     *
     * @throws IllegalArgumentException for anything else: malformed JSON, another top-level value, trailing data
     */
    @Override
    public Map<String, Object> deserialize(byte[] bytes) {
        return deserialize(bytes, 0, bytes.length);
    }

    /** {@link #deserialize(byte[])} of a range, parsed in place; no reference to {@code bytes} is kept. */
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> deserialize(byte[] bytes, int offset, int length) {
        Object value = read(bytes, offset, length);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("Session data is " + (value == null ? "JSON null" : "a JSON "
                    + (value instanceof List ? "array" : "scalar")) + ", not an object");
        }
        return (Map<String, Object>) value;
    }

    /**
     * A copy of {@code data} as {@link #deserialize} would read what {@link #serialize} wrote of it, built from the
     * values themselves: objects as {@link JsonObjectMap}s and arrays as {@code ArrayList}s in iteration order,
     * strings, booleans, doubles and null as they are, a {@code Long} that fits an int as the {@code Integer} the
     * parser gives. Null for any other value (Java time values, beans, {@code Float}, big numbers, maps with other
     * keys...), whose decode this does not mirror exactly, and for a string or name longer than the parser reads
     * (Jackson's {@code StreamReadConstraints}: written all the same, it reads back as no session).
     * {@code JsonDecodedCopyTest} holds it to the real round trip.
     */
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> decodedCopy(Map<String, Object> data) {
        try {
            return (Map<String, Object>) copyAsRead(data);
        } catch (NotMirrored e) {
            return null;
        }
    }

    /** Thrown inside {@link #decodedCopy} at a value it does not mirror; no stack trace, never escapes. */
    private static final class NotMirrored extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotMirrored INSTANCE = new NotMirrored();

        private NotMirrored() {
            super("not mirrored", null, false, false);
        }
    }

    // The cases follow writeValue's: only the shapes written straight to the generator, whose reading is readValue's.
    private Object copyAsRead(Object value) {
        if (value instanceof String s && s.length() > maxStringLength) {
            throw NotMirrored.INSTANCE;
        }
        if (value instanceof Double d && d.isNaN()) {
            return Double.NaN; // whatever its bits, written as the NaN token, which reads back as the canonical NaN
        }
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Boolean
                || value instanceof Double) {
            return value; // a double is written in its shortest digits, which read back as the same double (decimal())
        }
        if (value instanceof Long l) {
            // The parser gives the smallest type that holds it. An if, not ?: (Integer : Long would unbox to a Long).
            long n = l;
            if (n == (int) n) {
                return Integer.valueOf((int) n);
            }
            return l;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectMap copy = new JsonObjectMap(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key) || key.length() > maxNameLength) {
                    throw NotMirrored.INSTANCE; // written through Jackson's key serializers, or not read back
                }
                copy.put(key, copyAsRead(e.getValue()));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(copyAsRead(item));
            }
            return copy;
        }
        throw NotMirrored.INSTANCE;
    }

    /**
     * Converts a stored value to {@code type} by writing it as JSON and reading that as {@code type}: exactly
     * what the next request would get, so a {@code Double} read as {@code BigDecimal} keeps its printed digits.
     */
    @Override
    public <T> T convert(Object value, Type type) {
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        try {
            return mapper.readValue(write(value), javaType);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot convert " + value.getClass().getName() + " to " + javaType
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Any JSON-writable value as compact, ASCII-only JSON. The common session shapes (maps with string keys,
     * lists, strings, integers, booleans, null, doubles, big numbers) go straight to the generator; anything
     * else (Java time values, beans, other numbers, maps with other keys) through Jackson's serializers, which
     * is what wrote everything before: the bytes are the same, the databind layer's cost per value is not paid
     * for the plain ones.
     */
    byte[] write(Object value) {
        Output out = new Output();
        try (JsonGenerator g = writer.createGenerator(out, JsonEncoding.UTF8)) {
            writeValue(g, value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Session data is not JSON-serializable: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Session data is not JSON-serializable: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Where the generator's bytes go. The generator collects them in its own (recycled, 8000-byte) buffer and hands
     * them over when that is full and once on close: a session of ordinary size arrives in one piece, which is kept
     * as the result in one copy. A {@code ByteArrayBuilder} copied every session twice (into its block, then into
     * the result) and cost a builder, a list and a second recycled buffer per call.
     */
    private static final class Output extends OutputStream {
        private static final byte[] NONE = {};
        private byte[] bytes = NONE;
        private int size;

        @Override
        public void write(byte[] b, int off, int len) {
            if (size == 0 && bytes == NONE) {
                bytes = Arrays.copyOfRange(b, off, off + len); // the one piece of a small session: already the result
            } else {
                ensure(len);
                System.arraycopy(b, off, bytes, size, len);
            }
            size += len;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        private void ensure(int more) {
            if (bytes.length - size < more) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, 2 * bytes.length));
            }
        }

        byte[] toByteArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    // Deep or cyclic data ends in the generator's nesting limit (StreamWriteConstraints), as it did in databind.
    private void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Integer i) {
            g.writeNumber(i.intValue());
        } else if (value instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Double d) {
            g.writeNumber(d.doubleValue());
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (value instanceof JsonObjectMap map && map.hasStringKeys()) {
            writeObject(g, map);
        } else if (value instanceof Map<?, ?> map && hasStringKeys(map)) {
            writeEntries(g, map);
        } else if (value instanceof List<?> list) {
            g.writeStartArray(list, list.size());
            if (list instanceof ArrayList) { // what decoding gives: by index, no iterator object
                for (int i = 0, n = list.size(); i < n; i++) {
                    writeValue(g, list.get(i));
                }
            } else {
                for (Object item : list) {
                    writeValue(g, item);
                }
            }
            g.writeEndArray();
        } else {
            writer.writeValue(g, value);
        }
    }

    /** A decoded object, written by index: no entry, iterator or lambda object per map. */
    private void writeObject(JsonGenerator g, JsonObjectMap map) throws IOException {
        int size = map.arraySize();
        if (size < 0) { // moved to a LinkedHashMap (a large object)
            writeEntries(g, map);
            return;
        }
        g.writeStartObject(map);
        for (int i = 0; i < size; i++) {
            writeName(g, (String) map.keyAt(i));
            writeValue(g, map.valueAt(i));
        }
        g.writeEndObject();
    }

    private void writeEntries(JsonGenerator g, Map<?, ?> map) throws IOException {
        g.writeStartObject(map);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            writeName(g, (String) e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** A key, from its cached bytes when it has them ({@link FieldNames}). */
    private void writeName(JsonGenerator g, String name) throws IOException {
        SerializableString kept = names.of(name);
        if (kept != null) {
            g.writeFieldName(kept);
        } else {
            g.writeFieldName(name);
        }
    }

    private static boolean hasStringKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Any JSON value as plain Java (Map, List, String, Number, Boolean, null), numbers exact as described above.
     * Read from the parser directly: the object layer (a deserialization context per call, a deserializer
     * lookup per value) cost more than the tokens on small sessions.
     */
    Object read(byte[] bytes) {
        return read(bytes, 0, bytes.length);
    }

    private Object read(byte[] bytes, int offset, int length) {
        try (JsonParser p = reader.createParser(bytes, offset, length)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("Session data is not valid JSON: no content");
            }
            Object value = readValue(p, true);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new IllegalArgumentException("Session data is not valid JSON: trailing token " + trailing
                        + " after the value");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Session data is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The value at the parser's current token (Jackson's untyped reading, decimals exact). */
    private static Object readValue(JsonParser p, boolean root) throws IOException {
        switch (p.currentTokenId()) {
            case JsonTokenId.ID_START_OBJECT:
                return readObject(p, p.nextFieldName(), root);
            case JsonTokenId.ID_START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p, false));
                }
                return list;
            case JsonTokenId.ID_STRING:
                return p.getText();
            case JsonTokenId.ID_NUMBER_INT:
                return p.getNumberValue();
            case JsonTokenId.ID_NUMBER_FLOAT:
                return decimal(p);
            case JsonTokenId.ID_TRUE:
                return Boolean.TRUE;
            case JsonTokenId.ID_FALSE:
                return Boolean.FALSE;
            case JsonTokenId.ID_NULL:
                return null;
            default:
                throw new IllegalArgumentException("Session data is not valid JSON: unexpected token " + p.currentToken());
        }
    }

    /**
     * The rest of an object whose next field name is {@code name} (null: no more fields), as a {@link JsonObjectMap}
     * (a LinkedHashMap's behaviour in a third of its bytes). Nested objects in sessions are mostly small (a cart
     * line, a flash message): room for 4 entries first; the session itself gets room for 16 at once, so that its
     * usual ten or twenty keys do not copy the array on the way.
     */
    private static Map<String, Object> readObject(JsonParser p, String name, boolean root) throws IOException {
        JsonObjectMap map = new JsonObjectMap(root ? JsonObjectMap.LINEAR_MAX : 4);
        for (; name != null; name = p.nextFieldName()) {
            p.nextToken();
            // Jackson interns names: putParsed finds a repeated one by identity (the last value wins, as in Python).
            map.putParsed(name, readValue(p, false));
        }
        return map;
    }

    /** A decimal number: a Double when the shortest digits of that double are the same number, else exact. */
    private static Object decimal(JsonParser p) throws IOException {
        double d = p.getDoubleValue();
        if (p.isNaN()) {
            return d; // NaN, Infinity, -Infinity tokens
        }
        BigDecimal exact = p.getDecimalValue();
        // The shortest digits that read back as d are what we would write for it: same value = nothing lost.
        if (Double.isFinite(d) && new BigDecimal(NumberOutput.toString(d, true)).compareTo(exact) == 0) {
            return d; // keeps -0.0, which BigDecimal cannot
        }
        return exact;
    }

    /**
     * {@link #readValue} for Jackson's object layer ({@link #convert} and any reading through the mapper): one
     * reading of every token, whether the parser stands at an object's start or, inside a bean, at a field name.
     */
    private static final class ExactValueDeserializer extends StdDeserializer<Object> {
        private static final long serialVersionUID = 1L;

        ExactValueDeserializer() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentTokenId() == JsonTokenId.ID_FIELD_NAME) {
                return readObject(p, p.currentName(), false);
            }
            try {
                return readValue(p, false);
            } catch (IllegalArgumentException e) {
                return ctxt.handleUnexpectedToken(Object.class, p);
            }
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
