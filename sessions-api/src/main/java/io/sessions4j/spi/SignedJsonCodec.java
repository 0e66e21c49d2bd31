package io.sessions4j.spi;

import io.sessions4j.api.BadSignatureException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.signing.SignedPayload;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Django's stored format: {@code signing.dumps(data, salt, compress=True)} — compact JSON, zlib when
 * shorter (from {@code sessions.signing.compress_min_bytes}), URL-safe base64, a base62 timestamp and an
 * HMAC-SHA256 signature. With Django's {@code SessionStore} salt this is what databases, caches and files
 * hold; Django reads what this writes and the other way round.
 */
public final class SignedJsonCodec implements SessionCodec {
    /** Django logs tampered data under {@code django.security.SuspiciousSession}; this is ours. */
    public static final Logger SECURITY = LoggerFactory.getLogger("io.sessions4j.security.SuspiciousSession");
    private static final Logger LOG = LoggerFactory.getLogger(SignedJsonCodec.class);

    private final SessionSerializer serializer;
    private final SignedPayload payload;
    /** The serializer reads the payload where it was decoded (a reused buffer): no copy of it per read. */
    private final SignedPayload.PayloadReader<Decoded> reader;

    public SignedJsonCodec(SessionSerializer serializer, SignedPayload payload) {
        this.serializer = serializer;
        this.payload = payload;
        this.reader = reader(serializer);
    }

    /**
     * What reads a verified payload into a {@link Decoded} with {@code serializer}, parsing it where it was decoded
     * (a reused buffer, see {@link SignedPayload#loads(String, java.time.Duration, Instant, SignedPayload.PayloadReader)}):
     * no copy of it per read.
     */
    public static SignedPayload.PayloadReader<Decoded> reader(SessionSerializer serializer) {
        return (bytes, offset, length, signedAt) -> new Decoded(serializer.deserialize(bytes, offset, length), signedAt);
    }

    @Override
    public String encode(Map<String, Object> data, Instant now) {
        return payload.dumps(serializer.serialize(data), now);
    }

    /** The serializer's decoded copy, signed at {@code now} as {@link SignedPayload#dumps} stamps it. */
    @Override
    public Decoded decodedCopy(Map<String, Object> data, Instant now) {
        Map<String, Object> copy = serializer.decodedCopy(data);
        return copy == null ? null : new Decoded(copy, SignedPayload.signingTime(now));
    }

    /** A bad signature is logged as a security warning ("Session data corrupted"), as Django does. */
    @Override
    public Optional<Decoded> decode(String encoded, Instant now) {
        return decode(encoded, null, now);
    }

    /**
     * {@link #decode(String, Instant)} verified and decoded straight from the bytes (their UTF-8 form is what is
     * signed), without a String of the data.
     */
    @Override
    public Optional<Decoded> decode(StoredBytes encoded, Instant now) {
        return decode(null, encoded, now);
    }

    /** One of {@code string} and {@code bytes}: one decision about what to log for both forms. */
    private Optional<Decoded> decode(String string, StoredBytes bytes, Instant now) {
        try {
            return Optional.of(string != null ? parse(string, now) : payload.loads(bytes.array(), null, now, reader));
        } catch (BadSignatureException e) {
            SECURITY.warn("Session data corrupted ({})", e.getMessage());
        } catch (RuntimeException e) {
            // Signed with our secret but unreadable: written by a newer or foreign serializer, or holding a
            // value whose type is no longer allowed. Django reads an empty session quietly; a user who is
            // logged out for it deserves a trace at WARN (the data is not shown: it may hold secrets).
            LOG.warn("Session data has a valid signature but could not be decoded; reading it as an empty session: {}",
                    e.toString());
        }
        return Optional.empty();
    }

    /** {@link #decode} without logging, for storages that inspect data outside a request (clearing expired files). */
    public Optional<Decoded> decodeQuietly(String encoded, Instant now) {
        try {
            return Optional.of(parse(encoded, now));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Decoded parse(String encoded, Instant now) {
        return payload.loads(encoded, null, now, reader);
    }

    @Override
    public SessionSerializer serializer() {
        return serializer;
    }
}
