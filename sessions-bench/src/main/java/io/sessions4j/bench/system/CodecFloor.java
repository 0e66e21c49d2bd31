package io.sessions4j.bench.system;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.sessions4j.bench.BenchConfig;
import io.sessions4j.bench.SessionPayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CPU floor of a session that travels as data: Jackson alone ({@code jackson}), HMAC-SHA256
 * alone ({@code hmac}), or both ({@code jackson_hmac}, the least a signed cookie can cost).
 *
 * <ul>
 *   <li>READ: verify the signature of the payload's JSON bytes (one HMAC) and/or parse them, read two keys;</li>
 *   <li>WRITE: READ, change one key, serialize and sign again;</li>
 *   <li>CREATE: serialize the payload and/or sign it.</li>
 * </ul>
 * No base64, no compression, no timestamp: what Django's format adds on top is the engine's cost.
 */
final class CodecFloor implements BenchSystem {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final boolean json;
    private final boolean sign;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final Map<String, Object> payload = SessionPayload.of(0);
    private final byte[] bytes;
    private final byte[] signature;
    private final ThreadLocal<Mac> macs;

    CodecFloor(String kind) {
        this.json = kind.contains("jackson");
        this.sign = kind.contains("hmac");
        ObjectMapper mapper = new ObjectMapper();
        this.reader = mapper.readerFor(MAP);
        this.writer = mapper.writer();
        this.bytes = FloorData.DATA.getBytes(StandardCharsets.UTF_8);
        SecretKeySpec key = new SecretKeySpec(BenchConfig.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        this.signature = macs.get().doFinal(bytes);
    }

    @Override
    public Object read(String key) {
        verify(bytes);
        if (!json) {
            return signature;
        }
        Map<String, Object> data = parse(bytes);
        return new EngineSystem.Read(data.get(SessionPayload.READ_KEY_1), data.get(SessionPayload.READ_KEY_2));
    }

    @Override
    public Object write(String key) {
        verify(bytes);
        if (!json) {
            return macs.get().doFinal(bytes);
        }
        Map<String, Object> data = parse(bytes);
        data.put(SessionPayload.WRITE_KEY, System.currentTimeMillis());
        byte[] out = serialize(data);
        return sign ? macs.get().doFinal(out) : out;
    }

    @Override
    public Object create() {
        byte[] out = json ? serialize(payload) : bytes;
        return sign ? macs.get().doFinal(out) : out;
    }

    private void verify(byte[] data) {
        if (sign && !MessageDigest.isEqual(macs.get().doFinal(data), signature)) {
            throw new IllegalStateException("bad signature");
        }
    }

    private Map<String, Object> parse(byte[] data) {
        try {
            return reader.readValue(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] serialize(Map<String, Object> data) {
        try {
            return writer.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One placeholder key: codecs have no storage to look sessions up in. */
    @Override
    public List<String> keys() {
        return List.of("none");
    }

    @Override
    public void close() {
    }
}
