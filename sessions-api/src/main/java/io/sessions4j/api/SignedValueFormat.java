package io.sessions4j.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One kind of signed (or sealed) value a session can be — stored session data, a signed cookie — verified
 * secret by secret, so that the answer says which secret matched (the api's signers accept the current
 * secret and every fallback without telling which). This is what the {@code sessions decode} command shows;
 * requests never use it.
 *
 * <p>The api offers Django's stored session data ({@link #storedSessionData}); an engine provider whose
 * engine writes values of another format offers them by implementing {@link SignedValueFormats}.
 * Implementations are thread-safe.
 */
public interface SignedValueFormat {

    /** The noun for messages, e.g. {@code stored session data} or {@code signed cookie}. */
    String name();

    /** What a value of this format is, with its salt or cipher, e.g. {@code stored session data (salt ...)}. */
    String description();

    /**
     * Whether a value past its expiry is rejected when read (a signed cookie: nothing else ends it), rather
     * than expired by its storage (stored data: a database row, a file, a cache entry).
     */
    boolean rejectedWhenExpired();

    /**
     * Verifies {@code value} with {@code sessions.secret.key}, then each fallback secret in order: one
     * signature check per secret at most.
     *
     * @return the verified value, or empty when no secret verifies it (altered, truncated, another secret,
     *     or not this format at all)
     * @throws UnreadableValueException when a secret verifies it but its content cannot be read
     */
    Optional<Verified> verify(String value, Instant now);

    /** Django's stored session data ({@code SessionStore} salt): what the db, cached_db, cache and file engines keep. */
    static SignedValueFormat storedSessionData(SessionContext context) {
        return SignedJsonFormat.storedSessionData(context);
    }

    /**
     * The secrets in the order of {@link Verified#secretIndex()}: {@code sessions.secret.key}, then each of
     * {@code sessions.secret.key.fallbacks}.
     */
    static List<String> secrets(SessionSettings settings) {
        List<String> secrets = new ArrayList<>();
        secrets.add(settings.get(CoreSettings.SECRET_KEY));
        secrets.addAll(settings.get(CoreSettings.SECRET_KEY_FALLBACKS));
        return List.copyOf(secrets);
    }

    /**
     * A verified value.
     *
     * @param format      the format that verified it
     * @param secretIndex 0 for {@code sessions.secret.key}, n for the n-th of {@code sessions.secret.key.fallbacks}
     * @param signedAt    when it was signed: the session's last save (whole seconds)
     * @param data        the session data
     * @param expiry      when the session expires, by its own {@code _session_expiry} or {@code sessions.cookie.age}
     */
    record Verified(SignedValueFormat format, int secretIndex, Instant signedAt, Map<String, Object> data,
                    Instant expiry) {

        /**
         * The verified value whose serialized data {@code json} yields (decompressing or decrypting it may still
         * fail), with its expiry: for implementations, once their signature or tag check passed.
         *
         * @throws UnreadableValueException naming the secret when the data cannot be read
         */
        public static Verified read(SignedValueFormat format, SessionContext context, int secretIndex,
                                    Instant signedAt, Supplier<byte[]> json) {
            try {
                Map<String, Object> data = context.serializer().deserialize(json.get());
                return new Verified(format, secretIndex, signedAt, data, context.expiryDate(data, signedAt));
            } catch (RuntimeException e) {
                throw new UnreadableValueException(secretIndex, e.getMessage(), e);
            }
        }

        /** Whether the session has expired at {@code now}. */
        public boolean expiredAt(Instant now) {
            return !expiry.isAfter(now);
        }
    }

    /** A value whose signature a secret verifies but whose content cannot be read (another serializer, say). */
    final class UnreadableValueException extends SessionException {
        private static final long serialVersionUID = 1L;

        private final int secretIndex;

        public UnreadableValueException(int secretIndex, String message, Throwable cause) {
            super(message, cause);
            this.secretIndex = secretIndex;
        }

        /** The secret that verified the value, as in {@link Verified#secretIndex()}. */
        public int secretIndex() {
            return secretIndex;
        }
    }
}
