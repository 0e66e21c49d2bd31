package io.sessions4j.spi;

import io.sessions4j.api.JsonSessionSerializer;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;

/**
 * Turns session data into bytes and back (Django's {@code SESSION_SERIALIZER}). The default,
 * {@link JsonSessionSerializer}, writes the same compact JSON as Django's {@code JSONSerializer}.
 * There is deliberately no Java-serialization implementation: deserializing attacker-reachable
 * bytes into arbitrary classes is how session stores get remote code execution.
 */
public interface SessionSerializer {

    /** Encodes the whole session; fails with {@link IllegalArgumentException} naming a value it cannot write. */
    byte[] serialize(Map<String, Object> data);

    /** Decodes bytes written by {@link #serialize}; throws on malformed input or a non-object top level. */
    Map<String, Object> deserialize(byte[] bytes);

    /**
     * {@link #deserialize(byte[])} of {@code bytes[offset, offset + length)}. The array may be a buffer that is
     * reused after the call: an implementation must keep no reference to it. The default copies the range.
     */
    default Map<String, Object> deserialize(byte[] bytes, int offset, int length) {
        return deserialize(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /**
     * What {@code deserialize(serialize(data))} would return, made without writing or parsing: a deep copy of
     * {@code data} holding exactly the classes and values a decode of its bytes gives, sharing nothing with
     * {@code data} but immutable leaves. For a store that keeps the session it just wrote for the next request
     * ({@link SessionStorage#keepsWritten}), which then skips the decode. Null when this serializer cannot promise
     * that for some value in {@code data}: the written session is then simply not kept. The default: null.
     *
     * @param data session data that {@link #serialize} has just written without an error
     */
    default Map<String, Object> decodedCopy(Map<String, Object> data) {
        return null;
    }

    /** Converts a stored value (maps, lists, numbers...) to {@code type}, e.g. a record. */
    <T> T convert(Object value, Type type);
}
