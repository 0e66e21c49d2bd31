package io.sessions4j.api;

import io.sessions4j.api.signing.SignedPayload;
import io.sessions4j.api.signing.TimestampSigner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Django's {@code signing.dumps(data, salt, compress=True)} values of one salt, verified secret by secret:
 * the {@link SignedValueFormat} of stored session data, and of the signed-cookie engine's plain cookies.
 * Decodes with the same {@link SignedPayload} framing and serializer as {@link SignedJsonCodec}.
 */
public final class SignedJsonFormat implements SignedValueFormat {
    private final String name;
    private final String description;
    private final boolean rejectedWhenExpired;
    private final SessionContext context;
    /** One per secret, in {@link SignedValueFormat#secrets} order: each verifies with its own secret only. */
    private final List<SignedPayload> bySecret;

    /**
     * @param salt                e.g. {@link SignedPayload#SESSION_STORE_SALT}
     * @param name                see {@link #name()}
     * @param description         see {@link #description()}; the salt is appended
     * @param rejectedWhenExpired see {@link #rejectedWhenExpired()}
     */
    public SignedJsonFormat(SessionContext context, String salt, String name, String description,
                            boolean rejectedWhenExpired) {
        this.context = context;
        this.name = name;
        this.description = description + " (salt " + salt + ")";
        this.rejectedWhenExpired = rejectedWhenExpired;
        int maxDecompressed = context.settings().get(CoreSettings.MAX_DECOMPRESSED_BYTES);
        this.bySecret = SignedValueFormat.secrets(context.settings()).stream()
                .map(secret -> new SignedPayload(secret, List.of(), salt, maxDecompressed))
                .toList();
    }

    static SignedJsonFormat storedSessionData(SessionContext context) {
        return new SignedJsonFormat(context, SignedPayload.SESSION_STORE_SALT, "stored session data",
                "stored session data", false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean rejectedWhenExpired() {
        return rejectedWhenExpired;
    }

    @Override
    public Optional<Verified> verify(String value, Instant now) {
        for (int i = 0; i < bySecret.size(); i++) {
            TimestampSigner.Unsigned unsigned;
            try {
                unsigned = bySecret.get(i).verify(value, null, now);
            } catch (BadSignatureException e) {
                continue; // not this secret
            }
            SignedPayload payload = bySecret.get(i);
            return Optional.of(Verified.read(this, context, i, unsigned.timestamp(), () -> payload.decode(unsigned).json()));
        }
        return Optional.empty();
    }
}
