package io.sessions4j.spi;

import io.sessions4j.api.SessionStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Session data ⇄ the string a {@link SessionStorage} keeps. Server-side engines use Django's stored
 * format ({@link SignedJsonCodec} with Django's {@code SessionStore} salt); the signed-cookie engine uses its
 * cookie format. Thread-safe.
 */
public interface SessionCodec {

    /**
     * The encoded form of {@code data}, signed (or sealed) at {@code now}.
     *
     * @throws IllegalArgumentException naming a value the serializer cannot write
     */
    String encode(Map<String, Object> data, Instant now);

    /**
     * The data and its signing time, or empty when the string is tampered with, signed with an unknown
     * secret or unreadable. Never throws for bad input; logs what a security team should see (a bad
     * signature at WARN on {@code io.sessions4j.security.SuspiciousSession}).
     */
    Optional<Decoded> decode(String encoded, Instant now);

    /**
     * {@link #decode(String, Instant)} of data a storage read as bytes ({@link SessionStorage.Stored#ofBytes}): the
     * same answer for the same data, and the same logging. A codec that can verify and decode the bytes in place
     * overrides this to skip the String; the default decodes {@link StoredBytes#string()}, so codecs written before
     * this method existed keep working unchanged.
     */
    default Optional<Decoded> decode(StoredBytes encoded, Instant now) {
        return decode(encoded.string(), now);
    }

    /**
     * What {@link #decode} of {@code encode(data, now)} would return, made without the encoded string: the
     * serializer's {@link SessionSerializer#decodedCopy decoded copy} of {@code data} and the signing time the
     * encoding carries. Null when the serializer cannot make such a copy. For storages that keep the session a save
     * just wrote ({@link SessionStorage#keepsWritten}). The default: null.
     *
     * @param data what {@link #encode} has just encoded at {@code now} without an error
     */
    default Decoded decodedCopy(Map<String, Object> data, Instant now) {
        return null;
    }

    /** The serializer behind this codec, for typed reads ({@link SessionStore#get(String, Class)}). */
    SessionSerializer serializer();

    /**
     * A verified, decoded record.
     *
     * @param data     the session data (mutable, owned by the caller)
     * @param signedAt when it was signed: the session's last modification, whole seconds
     */
    record Decoded(Map<String, Object> data, Instant signedAt) {
    }
}
