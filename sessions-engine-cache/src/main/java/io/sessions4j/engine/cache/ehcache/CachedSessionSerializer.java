package io.sessions4j.engine.cache.ehcache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ehcache.spi.serialization.Serializer;
import org.ehcache.spi.serialization.SerializerException;

/**
 * Writes {@link CachedSession} for the disk tier as its time-to-live in milliseconds followed by
 * the UTF-8 data. Explicit so that Ehcache never falls back to Java serialization.
 */
public final class CachedSessionSerializer implements Serializer<CachedSession> {

    /** Ehcache instantiates registered serializers with a class loader. */
    public CachedSessionSerializer(ClassLoader ignored) {
    }

    public CachedSessionSerializer() {
    }

    @Override
    public ByteBuffer serialize(CachedSession value) {
        byte[] data = value.data().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + data.length);
        buffer.putLong(value.ttl().toMillis()).put(data).flip();
        return buffer;
    }

    @Override
    public CachedSession read(ByteBuffer binary) {
        ByteBuffer buffer = binary.duplicate();
        if (buffer.remaining() < Long.BYTES) {
            throw new SerializerException("Truncated session entry: " + buffer.remaining() + " bytes");
        }
        long ttl = buffer.getLong();
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        return new CachedSession(new String(data, StandardCharsets.UTF_8), Duration.ofMillis(ttl));
    }

    @Override
    public boolean equals(CachedSession object, ByteBuffer binary) {
        return object.equals(read(binary));
    }
}
