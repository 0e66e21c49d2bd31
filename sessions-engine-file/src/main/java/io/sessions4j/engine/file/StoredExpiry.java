package io.sessions4j.engine.file;

import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionSerializer;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.signing.SignedPayload;
import java.time.Instant;
import java.util.Map;

/**
 * When a session file expires: from its {@code _session_expiry} when set (a date, or whole seconds
 * counted from the file's modification time), else modification time + cookie age. This is
 * Django's rule for files, except that Django forgets to add an integer expiry to the
 * modification time (its files with {@code set_expiry(300)} never expire on load); here it counts.
 *
 * <p>A file keeps nothing but Django's encoded string, so the expiry is read back from the data.
 * The rule itself is {@link SessionStore}'s; this class extends it only to borrow
 * {@code expiryDateOf} instead of copying the arithmetic. It holds no session state and is
 * thread-safe.
 */
final class StoredExpiry extends SessionStore {
    private final SignedPayload payload;
    private final SessionSerializer serializer;

    StoredExpiry(SessionContext context) {
        super(context, null, null);
        this.payload = SessionContext.signedPayload(context.settings(), SignedPayload.SESSION_STORE_SALT);
        this.serializer = context.serializer();
    }

    /**
     * The expiry of {@code data} last written at {@code modified}. Data that does not decode
     * (tampered, foreign secret) counts as having no own expiry; the store decodes it again and
     * logs it once, as a security warning.
     */
    Instant of(String data, Instant modified, Instant now) {
        Map<String, Object> decoded;
        try {
            decoded = serializer.deserialize(payload.loads(data, null, now).json());
        } catch (RuntimeException e) {
            decoded = Map.of();
        }
        return expiryDateOf(decoded, modified);
    }

    // An expiry rule is not a session: keep Map identity semantics, never load anything.
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "StoredExpiry";
    }
}
