package io.sessions4j.testkit;

import io.sessions4j.spi.SessionCodec;
import io.sessions4j.spi.SessionSerializer;
import io.sessions4j.spi.StoredBytes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An engine's codec, counting the decodes it is asked for (of a String or of stored bytes); everything else forwarded. */
final class CountingCodec implements SessionCodec {
    final AtomicInteger decodes;
    private final SessionCodec codec;

    CountingCodec(SessionCodec codec) {
        this(codec, new AtomicInteger());
    }

    /** Counting into {@code decodes}, which several codecs may share. */
    CountingCodec(SessionCodec codec, AtomicInteger decodes) {
        this.codec = codec;
        this.decodes = decodes;
    }

    @Override
    public String encode(Map<String, Object> data, Instant now) {
        return codec.encode(data, now);
    }

    @Override
    public Optional<Decoded> decode(String encoded, Instant now) {
        decodes.incrementAndGet();
        return codec.decode(encoded, now);
    }

    @Override
    public Optional<Decoded> decode(StoredBytes encoded, Instant now) {
        decodes.incrementAndGet();
        return codec.decode(encoded, now);
    }

    @Override
    public Decoded decodedCopy(Map<String, Object> data, Instant now) {
        return codec.decodedCopy(data, now);
    }

    @Override
    public SessionSerializer serializer() {
        return codec.serializer();
    }
}
