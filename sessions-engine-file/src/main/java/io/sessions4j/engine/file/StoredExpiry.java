package io.sessions4j.engine.file;

import io.sessions4j.api.SessionContext;
import java.time.Instant;
import java.util.Map;

/**
 * When a session file expires, for {@code exists} and {@code clearExpired} (a load leaves it to the store): from its {@code _session_expiry} when set (a date, or whole seconds
 * counted from the file's modification time), else modification time + cookie age. This is
 * Django's rule for files, except that Django forgets to add an integer expiry to the
 * modification time (its files with {@code set_expiry(300)} never expire on load); here it counts.
 *
 * <p>A file keeps nothing but Django's encoded string, so the expiry is read back from the data;
 * the arithmetic is the api's ({@link SessionContext#expiryDate}). Thread-safe.
 */
final class StoredExpiry {
    private final SessionContext context;

    StoredExpiry(SessionContext context) {
        this.context = context;
    }

    /**
     * The expiry of {@code data} last written at {@code modified}. Data that does not decode
     * (tampered, foreign secret) counts as having no own expiry; the store decodes it again and
     * logs it once, as a security warning.
     */
    Instant of(String data, Instant modified) {
        Map<String, Object> decoded = context.codec().decodeQuietly(data, context.clock().instant())
                .map(d -> d.data()).orElse(Map.of());
        return context.expiryDate(decoded, modified);
    }
}
