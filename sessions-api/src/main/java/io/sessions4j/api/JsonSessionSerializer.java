package io.sessions4j.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sessions4j.api.signing.DjangoJson;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jackson-based JSON, compatible with Django's {@code JSONSerializer} (see {@link DjangoJson}):
 * compact, keys in insertion order, ASCII only. Java time values are written as ISO-8601 strings.
 * Polymorphic typing is never enabled: the bytes name no classes.
 */
public final class JsonSessionSerializer implements SessionSerializer {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    public JsonSessionSerializer() {
        this.mapper = DjangoJson.mapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.writer = mapper.writer();
        this.reader = mapper.readerFor(MAP);
    }

    @Override
    public byte[] serialize(Map<String, Object> data) {
        try {
            return writer.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Session data is not JSON-serializable: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Map<String, Object> deserialize(byte[] bytes) {
        try {
            Map<String, Object> map = reader.readValue(bytes);
            if (map == null) {
                throw new IllegalArgumentException("Session data is JSON null, not an object");
            }
            return map;
        } catch (IOException e) {
            throw new IllegalArgumentException("Session data is not a JSON object: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T convert(Object value, Type type) {
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        return mapper.convertValue(value, javaType);
    }
}
