package io.sessions4j.bench.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessions4j.bench.SessionPayload;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** What the floors store: the payload as plain JSON, and keys as cheap as a key can be. */
final class FloorData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** The payload of user 0 as JSON, and the same with a changed {@code last_seen}: what a WRITE stores. */
    static final String DATA = json(SessionPayload.of(0));
    static final String CHANGED_DATA = json(changed(SessionPayload.of(0)));

    private FloorData() {
    }

    static String json(Map<String, Object> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> changed(Map<String, Object> data) {
        data.put(SessionPayload.WRITE_KEY, 1_800_000_000_000L);
        return data;
    }

    /**
     * A 32-character {@code [a-z0-9]} key from a non-cryptographic generator: the floor pays nothing
     * for key quality (sessions4j draws its keys from {@code SecureRandom}).
     */
    static String newKey() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] key = new char[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = KEY_CHARS[random.nextInt(KEY_CHARS.length)];
        }
        return new String(key);
    }
}
