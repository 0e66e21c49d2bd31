package io.sessions4j.api.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Handles: what a session is called wherever it is shown, instead of its key. A handle is the first 132
 * bits of SHA-256 of the key, URL-safe base64 (22 characters): stable for the key's life, unique in
 * practice, and useless for taking the session over (the key cannot be recovered from it).
 */
public final class SessionHandles {
    /** Characters in a handle. */
    public static final int LENGTH = 22;

    private SessionHandles() {
    }

    /** The handle of {@code key}; null for null (a session that has no key yet). */
    public static String of(String key) {
        if (key == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
