package io.sessions4j.api;

import io.sessions4j.api.signing.SignedPayload;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes session data the way Django stores it in databases, caches and files:
 * {@code signing.dumps(data, salt="django.contrib.sessions.SessionStore", compress=True)}, except that
 * payloads under {@code sessions.signing.compress_min_bytes} are stored uncompressed (which Django
 * reads as well).
 * Decoding never throws: tampered or unreadable data is an empty session, as in Django.
 */
public final class SessionCodec {
    /** Django logs tampered data under {@code django.security.SuspiciousSession}; this is ours. */
    static final Logger SECURITY = LoggerFactory.getLogger("io.sessions4j.security.SuspiciousSession");
    private static final Logger LOG = LoggerFactory.getLogger(SessionCodec.class);

    private final SessionSerializer serializer;
    private final SignedPayload payload;
    private final Clock clock;

    public SessionCodec(SessionSerializer serializer, SignedPayload payload, Clock clock) {
        this.serializer = serializer;
        this.payload = payload;
        this.clock = clock;
    }

    /** The signed, possibly compressed string that storage keeps. */
    public String encode(Map<String, Object> data) {
        return payload.dumps(serializer.serialize(data), clock.instant());
    }

    /** The data, or empty when the string is tampered with or unreadable; logs nothing. */
    public Optional<Map<String, Object>> tryDecode(String stored) {
        try {
            return Optional.of(parse(stored));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The data, or an empty map (logged) when the string is tampered with or unreadable. */
    public Map<String, Object> decode(String stored) {
        try {
            return parse(stored);
        } catch (BadSignatureException e) {
            SECURITY.warn("Session data corrupted ({})", e.getMessage());
        } catch (RuntimeException e) {
            // Signed with our secret but unreadable: written by a newer or foreign serializer, or holding a
            // value whose type is no longer allowed. Django reads an empty session quietly; a user who is
            // logged out for it deserves a trace at WARN (the data is not shown: it may hold secrets).
            LOG.warn("Session data has a valid signature but could not be decoded; reading it as an empty session: {}",
                    e.toString());
        }
        return new LinkedHashMap<>();
    }

    private Map<String, Object> parse(String stored) {
        return serializer.deserialize(payload.loads(stored, null, clock.instant()).json());
    }

    public SessionSerializer serializer() {
        return serializer;
    }
}
