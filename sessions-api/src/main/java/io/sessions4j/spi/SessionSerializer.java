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

    /** Converts a stored value (maps, lists, numbers...) to {@code type}, e.g. a record. */
    <T> T convert(Object value, Type type);
}
