package io.sessions4j.cli;

import io.sessions4j.api.BadSignatureException;
import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.signing.SignedPayload;
import io.sessions4j.api.signing.TimestampSigner;
import io.sessions4j.engine.signedcookie.internal.CookieCipher;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Verifies a signed value without knowing what it is: stored session data or a signed cookie (each salt
 * in turn), with the current secret or a fallback (each secret in turn, so that the answer can say which
 * one matched — the api's signers accept any of them without telling). Encrypted signed_cookies values
 * ({@code !1.} prefix) are opened with the same secrets.
 */
final class SignedValueDecoder {
    private final List<String> secrets;
    private final int maxDecompressedBytes;
    private final SessionContext context;
    private final Clock clock;

    SignedValueDecoder(SessionSettings settings, Clock clock) {
        this.secrets = new ArrayList<>();
        secrets.add(settings.get(CoreSettings.SECRET_KEY));
        secrets.addAll(settings.get(CoreSettings.SECRET_KEY_FALLBACKS));
        this.maxDecompressedBytes = settings.get(CoreSettings.MAX_DECOMPRESSED_BYTES);
        this.context = SessionContext.create(settings, clock);
        this.clock = clock;
    }

    /**
     * A verified value.
     *
     * @param salt        what the value is (which salt verified it)
     * @param encrypted   an encrypted signed_cookies value rather than a Django signed one
     * @param secretIndex 0 for {@code sessions.secret.key}, n for the n-th fallback secret
     * @param signedAt    when it was signed: the session's last save
     * @param expiry      when the session expires by its own {@code _session_expiry} or the cookie age
     */
    record Decoded(Salt salt, boolean encrypted, int secretIndex, Instant signedAt, Map<String, Object> data,
                   Instant expiry) {

        boolean expiredAt(Instant now) {
            return !expiry.isAfter(now);
        }
    }

    /**
     * @throws CommandFailure (exit 1) when no salt and secret verify the value, or it verifies but cannot be read
     */
    Decoded decode(String value) {
        Instant now = clock.instant();
        if (value.startsWith(CookieCipher.PREFIX)) {
            return decrypt(value);
        }
        for (Salt salt : Salt.values()) {
            for (int i = 0; i < secrets.size(); i++) {
                if (!verifies(value, salt, secrets.get(i), now)) {
                    continue;
                }
                SignedPayload.Loaded loaded;
                try {
                    loaded = new SignedPayload(secrets.get(i), List.of(), salt.value(), maxDecompressedBytes)
                            .loads(value, null, now);
                } catch (BadSignatureException e) {
                    throw unreadable(salt, i, e.getMessage(), e);
                }
                return decoded(salt, false, i, loaded.json(), loaded.timestamp());
            }
        }
        throw new CommandFailure(ExitCodes.FAILURE, "Bad signature: the value verifies neither as "
                + Salt.SESSION.meaning() + " (salt " + Salt.SESSION.value() + ") nor as " + Salt.COOKIE.meaning()
                + " (salt " + Salt.COOKIE.value() + ") with sessions.secret.key" + fallbacksText()
                + ". It was altered, truncated, or signed with another secret.");
    }

    /** Label of a secret in messages; never the secret itself. */
    static String secretName(int index) {
        return index == 0 ? "sessions.secret.key" : "fallback #" + index + " of sessions.secret.key.fallbacks";
    }

    private static boolean verifies(String value, Salt salt, String secret, Instant now) {
        try {
            new TimestampSigner(secret, List.of(), salt.value()).unsign(value, null, now);
            return true;
        } catch (BadSignatureException e) {
            return false;
        }
    }

    private Decoded decrypt(String value) {
        for (int i = 0; i < secrets.size(); i++) {
            byte[] plain;
            try {
                plain = new CookieCipher(secrets.get(i), List.of()).open(value);
            } catch (BadSignatureException e) {
                continue;
            }
            if (plain.length < Long.BYTES) {
                throw unreadable(Salt.COOKIE, i, "no timestamp", null);
            }
            Instant signedAt;
            try {
                signedAt = Instant.ofEpochSecond(ByteBuffer.wrap(plain).getLong());
            } catch (DateTimeException e) {
                throw unreadable(Salt.COOKIE, i, "malformed timestamp", e);
            }
            return decoded(Salt.COOKIE, true, i, Arrays.copyOfRange(plain, Long.BYTES, plain.length), signedAt);
        }
        throw new CommandFailure(ExitCodes.FAILURE, "Bad signature: the encrypted signed_cookies value does not "
                + "authenticate with sessions.secret.key" + fallbacksText()
                + ". It was altered, truncated, or encrypted with another secret.");
    }

    private Decoded decoded(Salt salt, boolean encrypted, int secretIndex, byte[] json, Instant signedAt) {
        Map<String, Object> data;
        try {
            data = context.serializer().deserialize(json);
        } catch (IllegalArgumentException e) {
            throw unreadable(salt, secretIndex, e.getMessage(), e);
        }
        return new Decoded(salt, encrypted, secretIndex, signedAt, data, context.expiryDate(data, signedAt));
    }

    private static CommandFailure unreadable(Salt salt, int secretIndex, String why, Throwable cause) {
        return new CommandFailure(ExitCodes.FAILURE, "The signature is valid (" + salt.meaning() + ", "
                + secretName(secretIndex) + ") but the content cannot be read: " + why, cause);
    }

    private String fallbacksText() {
        int fallbacks = secrets.size() - 1;
        return fallbacks == 0 ? " (no fallback secrets configured)"
                : " or any of its " + fallbacks + " fallback secret" + (fallbacks == 1 ? "" : "s");
    }
}
