package io.sessions4j.engine.signedcookie.internal;

import io.sessions4j.api.BadSignatureException;
import io.sessions4j.api.LogSafe;
import io.sessions4j.spi.SessionCodec;
import io.sessions4j.spi.SessionSerializer;
import io.sessions4j.spi.SignedJsonCodec;
import io.sessions4j.api.signing.SignedPayload;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Session data ⇄ cookie value, in one of two formats:
 *
 * <ul>
 *   <li><b>signed</b> (default): exactly Django's
 *       {@code signing.dumps(data, salt="django.contrib.sessions.backends.signed_cookies", compress=True)},
 *       i.e. {@code [.]base64(json or zlib(json)):base62(epochSeconds):HMAC-SHA256}. Readable by anyone
 *       holding the cookie, forgeable by nobody without the secret.</li>
 *   <li><b>encrypted</b>: {@link CookieCipher} over {@code epochSeconds (8 bytes, big-endian) ‖ json}.
 *       Private as well as tamper-proof. Not compressed on purpose: compressing attacker-influenced data
 *       next to secrets before encryption leaks the secrets through the cookie's length (CRIME/BREACH).</li>
 * </ul>
 *
 * <p>{@link #decode} reads both formats whatever {@link #encode} writes, told apart by
 * {@link CookieCipher#PREFIX}, so switching encryption on or off logs nobody out; with encryption on,
 * plain signed cookies can be refused once the migration is over ({@code acceptPlain}). A value that
 * fails is logged on the security logger and read as no session. Thread-safe.
 */
public final class CookieCodec implements SessionCodec {
    /** Cookies cannot be longer than this (RFC 6265 minimum, what browsers keep): longer values are never read. */
    public static final int MAX_VALUE_LENGTH = 4096;

    private static final int TIMESTAMP_BYTES = Long.BYTES;

    private final SessionSerializer serializer;
    private final SignedPayload signed;
    private final CookieCipher cipher;
    private final boolean encrypt;
    private final boolean acceptPlain;
    private final SignedPayload.PayloadReader<Decoded> plainReader;

    /** A codec that reads both formats (the migration mode when {@code encrypt} is on). */
    public CookieCodec(SessionSerializer serializer, SignedPayload signed, CookieCipher cipher, boolean encrypt) {
        this(serializer, signed, cipher, encrypt, true);
    }

    /**
     * @param signed      Django's signing with the signed-cookies salt and the configured secrets
     * @param cipher      the encrypted format, with keys from the same secrets
     * @param encrypt     whether {@link #encode} writes the encrypted format
     * @param acceptPlain whether {@link #decode} reads plain signed cookies while {@code encrypt} is on
     *                    ({@code sessions.signed_cookies.accept_plain})
     */
    public CookieCodec(SessionSerializer serializer, SignedPayload signed, CookieCipher cipher, boolean encrypt,
                       boolean acceptPlain) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.signed = Objects.requireNonNull(signed, "signed");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.encrypt = encrypt;
        this.acceptPlain = acceptPlain || !encrypt;
        this.plainReader = SignedJsonCodec.reader(serializer);
    }

    /**
     * Whether {@code value} has the shape of a cookie this codec could have written. A cheap syntax check
     * with no cryptography and no state, so that garbage never reaches the verifier.
     *
     * <p>For the signed format this checks the frame — {@code [.]payload:timestamp:signature}, exactly two
     * {@code ':'}, a base62 timestamp, a URL-safe base64 signature — and the payload's first characters (what a log
     * line shows of a key, {@link LogSafe#key}), not every character of the payload: the signature covers those, so a
     * payload we did not sign fails verification whatever it holds, and one we signed is base64 by construction
     * (after verification the ASCII image and the base64 decoder still reject anything else). Checking all of a
     * ~600-character payload here cost ~0.6 µs a request (issue #20: 7 % of a signed-cookie request cycle).
     */
    public static boolean isWellFormed(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            return false;
        }
        return value.charAt(0) == '!' ? isEncryptedShape(value) : isSignedShape(value);
    }

    // Loops instead of a regular expression: this runs on every request's cookie, and a regex over a ~500-character
    // value cost about 3 µs, as much as the HMAC.

    /** {@code [.]payload:timestamp:signature}: see {@link #isWellFormed}. */
    private static boolean isSignedShape(String value) {
        int i = value.charAt(0) == '.' ? 1 : 0;
        int payloadEnd = value.indexOf(':', i); // a vectorised search: cheap even over a long payload
        int timestampEnd = payloadEnd < 0 ? -1 : value.indexOf(':', payloadEnd + 1);
        return timestampEnd > 0
                && isBase64Url(value, i, Math.min(payloadEnd, i + LogSafe.KEY_CHARS_SHOWN))
                && isBase62(value, payloadEnd + 1, timestampEnd)
                && isBase64Url(value, timestampEnd + 1, value.length());
    }

    /** {@code !1.} then URL-safe base64. */
    private static boolean isEncryptedShape(String value) {
        return value.startsWith(CookieCipher.PREFIX) && isBase64Url(value, CookieCipher.PREFIX.length(), value.length());
    }

    private static boolean isBase64Url(String s, int from, int to) {
        return from < to && allOf(s, from, to, BASE64URL);
    }

    private static boolean isBase62(String s, int from, int to) {
        return from < to && allOf(s, from, to, ALPHANUMERIC);
    }

    // One table lookup per character instead of five range tests: the payload is most of a ~600-character cookie.
    private static final byte ALPHANUMERIC = 1;
    private static final byte BASE64URL = 2;
    private static final byte[] CLASSES = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            CLASSES[c] = (byte) ((alphanumeric ? ALPHANUMERIC | BASE64URL : 0) | (c == '-' || c == '_' ? BASE64URL : 0));
        }
    }

    private static boolean allOf(String s, int from, int to, byte charClass) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || (CLASSES[c] & charClass) == 0) {
                return false;
            }
        }
        return true;
    }

    public boolean encrypts() {
        return encrypt;
    }

    /** The cookie value holding {@code data}, stamped with {@code now} (whole seconds) and the current secret. */
    @Override
    public String encode(Map<String, Object> data, Instant now) {
        byte[] json = serializer.serialize(data);
        if (!encrypt) {
            return signed.dumps(json, now); // compressed from sessions.signing.compress_min_bytes on
        }
        return cipher.seal(ByteBuffer.allocate(TIMESTAMP_BYTES + json.length)
                .putLong(now.getEpochSecond()).put(json).array());
    }

    /**
     * {@link #verify} that never throws: a rejected cookie is logged (WARN on the security logger) and is no
     * session. Does not judge expiry: the store does, from the data.
     */
    @Override
    public Optional<Decoded> decode(String value, Instant now) {
        try {
            return Optional.of(verify(value, now));
        } catch (BadSignatureException e) {
            SignedJsonCodec.SECURITY.warn("Signed-cookie session rejected: {}", e.getMessage());
        } catch (RuntimeException e) {
            // Verified, so made with one of our secrets, but unreadable: another serializer, or a
            // nonsensical expiry. Still never the caller's problem.
            SignedJsonCodec.SECURITY.warn("Signed-cookie session verified but could not be decoded: {}", firstLine(e));
        }
        return Optional.empty();
    }

    @Override
    public SessionSerializer serializer() {
        return serializer;
    }

    /**
     * Verifies (or decrypts) and deserializes a cookie value. Does not judge expiry: that needs the data.
     *
     * @throws BadSignatureException    when the value is forged, tampered with, truncated, made with an
     *                                  unknown secret, or its compressed payload is malformed or too large
     * @throws IllegalArgumentException when it verifies but the payload is not a JSON object
     */
    public Decoded verify(String value, Instant now) {
        if (value.startsWith(CookieCipher.PREFIX)) {
            byte[] plain = cipher.open(value);
            return new Decoded(serializer.deserialize(sealedJson(plain)), sealedAt(plain));
        }
        if (!acceptPlain) {
            throw new BadSignatureException("Plain signed session cookie refused: only encrypted cookies are "
                    + "accepted (sessions.signed_cookies.accept_plain=false)");
        }
        // Parsed where the payload was decoded (a pooled buffer), without a copy of its own.
        return signed.loads(value, null, now, plainReader);
    }

    /**
     * When the decrypted content of an encrypted cookie was sealed: its first 8 bytes.
     *
     * @throws BadSignatureException when it has no timestamp or a malformed one
     */
    static Instant sealedAt(byte[] plain) {
        if (plain.length < TIMESTAMP_BYTES) {
            throw new BadSignatureException("Encrypted session cookie has no timestamp");
        }
        try {
            return Instant.ofEpochSecond(ByteBuffer.wrap(plain).getLong());
        } catch (DateTimeException e) {
            throw new BadSignatureException("Encrypted session cookie has a malformed timestamp", e);
        }
    }

    /** The serialized session data in the decrypted content of an encrypted cookie (after {@link #sealedAt}). */
    static byte[] sealedJson(byte[] plain) {
        return Arrays.copyOfRange(plain, TIMESTAMP_BYTES, plain.length);
    }

    /** The exception's first line only: parser messages can quote pieces of the (private) session data. */
    private static String firstLine(RuntimeException e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + ": " + (message.length() > 160 ? message.substring(0, 160) + "…" : message);
    }
}
