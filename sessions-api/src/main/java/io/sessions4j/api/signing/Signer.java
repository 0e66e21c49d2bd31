package io.sessions4j.api.signing;

import io.sessions4j.api.BadSignatureException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Django's {@code django.core.signing.Signer} with {@code algorithm="sha256"} and separator {@code ':'}.
 *
 * <p>{@code sign(v)} is {@code v + ":" + signature}, where signature is the URL-safe base64 (no padding)
 * of HMAC-SHA256 over the UTF-8 bytes of {@code v}, keyed with
 * {@code SHA-256(salt + "signer" + secret)} (Django's {@code salted_hmac}). {@link #unsign} accepts a
 * signature made with the current secret or with any fallback secret (Django's
 * {@code SECRET_KEY_FALLBACKS}), so secrets can be rotated without logging everybody out; new values
 * are always signed with the current secret.
 *
 * <p>Immutable and thread-safe. The HMAC keys are derived once, in the constructor; initialised Macs are
 * reused across calls.
 */
public final class Signer {
    /** The separator between value and signature; fixed, as in Django's default. */
    public static final char SEPARATOR = ':';
    /** Django's salt when none is given: the class's dotted path. */
    public static final String DEFAULT_SALT = "django.core.signing.Signer";

    private static final String HMAC = "HmacSHA256";
    /** Characters of an HMAC-SHA256 in URL-safe base64 without padding. */
    private static final int SIGNATURE_CHARS = 43;
    /**
     * The message of a signature that matches no key. Django's says {@code Signature "<sig>" does not match}; ours
     * leaves the signature out: the message reaches the security log, and the signature is part of a cookie value,
     * which no log line may hold (README, Security notes) — a genuine cookie corrupted in transit or signed with a
     * retired secret would otherwise put its real signature in the logs.
     */
    static final String SIGNATURE_MISMATCH = "Signature does not match";

    /** Index 0 is the current secret, then the fallbacks in the order given. */
    private final Key[] keys;

    /**
     * @param secret the current secret ({@code SECRET_KEY}); must not be empty
     * @param fallbackSecrets older secrets still accepted by {@link #unsign} ({@code SECRET_KEY_FALLBACKS});
     *     {@code null} means none
     * @param salt namespace separating different uses of the same secret; {@code null} or empty means
     *     {@link #DEFAULT_SALT}, as in Django ({@code salt or "django.core.signing.Signer"})
     * @throws IllegalArgumentException if {@code secret} is null or empty
     */
    public Signer(String secret, List<String> fallbackSecrets, String salt) {
        this(secret, fallbackSecrets, salt, DEFAULT_SALT);
    }

    /** For subclass-like wrappers (TimestampSigner) whose Django class has a different default salt. */
    Signer(String secret, List<String> fallbackSecrets, String salt, String defaultSalt) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        List<String> fallbacks = fallbackSecrets == null ? List.of() : fallbackSecrets;
        String keySalt = (salt == null || salt.isEmpty() ? defaultSalt : salt) + "signer";
        keys = new Key[1 + fallbacks.size()];
        keys[0] = new Key(keySalt, secret);
        for (int i = 0; i < fallbacks.size(); i++) {
            keys[i + 1] = new Key(keySalt, Objects.requireNonNull(fallbacks.get(i), "fallback secret"));
        }
    }

    /**
     * Signs with the current secret.
     *
     * @return {@code value + ":" + signature}
     */
    public String sign(String value) {
        byte[] sig = keys[0].signature(value.getBytes(StandardCharsets.UTF_8));
        return value + SEPARATOR + new String(sig, StandardCharsets.ISO_8859_1);
    }

    /**
     * Verifies {@code signed} (produced by {@link #sign} or by Django) against the current secret, then
     * each fallback secret.
     *
     * @return the value, i.e. everything before the last {@code ':'}
     * @throws BadSignatureException if there is no {@code ':'} or no secret produces the signature
     */
    public String unsign(String signed) {
        int sep = signed.lastIndexOf(SEPARATOR);
        if (sep < 0) {
            throw new BadSignatureException("No \"" + SEPARATOR + "\" found in value");
        }
        String value = signed.substring(0, sep);
        String sig = signed.substring(sep + 1);
        // Django's constant_time_compare works on the UTF-8 bytes of both strings; do the same.
        byte[] given = sig.getBytes(StandardCharsets.UTF_8);
        byte[] message = value.getBytes(StandardCharsets.UTF_8);
        for (Key key : keys) {
            // D7: constant-time comparison. MessageDigest.isEqual does not stop at the first differing
            // byte, so response timing does not reveal how much of a forged signature is right.
            if (MessageDigest.isEqual(key.signature(message), given)) {
                return value;
            }
        }
        throw new BadSignatureException(SIGNATURE_MISMATCH);
    }

    /**
     * Signs ASCII bytes in place: {@code buffer[0, length)} is the value; {@code ':'} and the signature are
     * written after it, so {@code buffer} must hold {@code length + }{@link #SIGNED_SUFFIX} bytes. The byte
     * form of {@link #sign} for callers that build the value as bytes (no String copies per step).
     */
    void signInPlace(byte[] buffer, int length) {
        buffer[length] = SEPARATOR;
        keys[0].signatureInto(buffer, 0, length, buffer, length + 1);
    }

    /** Bytes {@link #signInPlace} appends: the separator and 43 characters of base64 (32 bytes, no padding). */
    static final int SIGNED_SUFFIX = 1 + SIGNATURE_CHARS;

    /** What {@link #unsignAscii} returns for a value with a character outside ASCII. */
    static final int NOT_ASCII = -2;

    /**
     * {@link #unsign} for the common case of an ASCII value (every value this library or Django signs): returns
     * the length of the value, i.e. the index of the last {@code ':'}, without copying the value into a String
     * or a byte array of its own; the HMAC is fed through a small buffer. A value with any character outside
     * ASCII returns {@link #NOT_ASCII} before anything is compared: its UTF-8 bytes differ from its characters,
     * and {@link #unsign} judges it.
     *
     * @throws BadSignatureException as {@link #unsign}
     */
    int unsignAscii(String signed) {
        int sep = signed.lastIndexOf(SEPARATOR);
        if (sep < 0) {
            throw new BadSignatureException("No \"" + SEPARATOR + "\" found in value");
        }
        for (int i = sep + 1; i < signed.length(); i++) {
            if (signed.charAt(i) >= 0x80) {
                return NOT_ASCII;
            }
        }
        for (Key key : keys) {
            int verdict = key.verifyAscii(signed, sep);
            if (verdict == NOT_ASCII) {
                return NOT_ASCII;
            }
            if (verdict == MATCH) {
                return sep;
            }
        }
        throw new BadSignatureException(SIGNATURE_MISMATCH);
    }

    /**
     * {@link #unsign} of a value given as its UTF-8 bytes {@code signed[0, length)} (what is signed), e.g. as a database driver or Redis returned
     * them: returns the length of the value, i.e. the index of the last {@code ':'}. Nothing is copied: the HMAC reads
     * the array in place, and the signature is compared with the bytes after the {@code ':'} in constant time, exactly
     * as {@link #unsign} compares the UTF-8 bytes of the String form.
     *
     * @throws BadSignatureException as {@link #unsign}
     */
    int unsignBytes(byte[] signed, int length) {
        int sep = lastSeparator(signed, length);
        if (sep < 0) {
            throw new BadSignatureException("No \"" + SEPARATOR + "\" found in value");
        }
        for (Key key : keys) {
            if (key.verifyBytes(signed, sep, length)) {
                return sep;
            }
        }
        throw new BadSignatureException(SIGNATURE_MISMATCH);
    }

    /** The index of the last {@code ':'} in {@code s[0, before)}, or -1: {@code String.lastIndexOf} of the bytes. */
    static int lastSeparator(byte[] s, int before) {
        int i = before - 1;
        while (i >= 0 && s[i] != SEPARATOR) {
            i--;
        }
        return i;
    }

    /** {@link #constantTimeEquals(byte[], int, String, int)} of {@code s[from, to)}. */
    private static boolean constantTimeEquals(byte[] scratch, int at, byte[] s, int from, int to) {
        int length = to - from;
        int diff = length ^ SIGNATURE_CHARS;
        for (int i = 0; i < length; i++) {
            diff |= s[from + i] ^ (i < SIGNATURE_CHARS ? scratch[at + i] : 0);
        }
        return diff == 0;
    }

    private static final int MATCH = 1;
    private static final int NO_MATCH = 0;
    private static final int ASCII_CHUNK = 128;
    private static final int EXPECTED_AT = 64;

    /**
     * D7: whether {@code s[from, end)} is {@code expected}, in time that depends on the lengths only (as
     * {@link MessageDigest#isEqual}), so response timing does not reveal how much of a forged signature is right.
     */
    private static boolean constantTimeEquals(byte[] scratch, int at, String s, int from) {
        int length = s.length() - from;
        int diff = length ^ SIGNATURE_CHARS;
        for (int i = 0; i < length; i++) {
            diff |= s.charAt(from + i) ^ (i < SIGNATURE_CHARS ? scratch[at + i] : 0);
        }
        return diff == 0;
    }

    /** One derived HMAC key, with a few initialised Macs to reuse (a Mac is not thread-safe). */
    private static final class Key {
        private final SecretKeySpec spec;
        /** Initialised prototype; null if the provider's Mac cannot be cloned. */
        private final Mac prototype;
        /**
         * Idle Macs, each with its scratch array. Unlike a clone per call this allocates nothing in the steady
         * state (a clone copies two digest states and their buffers).
         */
        private final IdlePool<Hmac> idle = new IdlePool<>();

        /** An initialised Mac and the scratch array of {@link #verifyAscii}, used by one caller at a time. */
        private record Hmac(Mac mac, byte[] scratch) {
        }

        Key(String keySalt, String secret) {
            try {
                // salted_hmac: key = sha256(key_salt + secret).digest()
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                sha256.update(keySalt.getBytes(StandardCharsets.UTF_8));
                spec = new SecretKeySpec(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)), HMAC);
                Mac mac = Mac.getInstance(HMAC);
                mac.init(spec);
                prototype = cloneable(mac) ? mac : null;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        }

        private static boolean cloneable(Mac mac) {
            try {
                mac.clone();
                return true;
            } catch (CloneNotSupportedException e) {
                return false;
            }
        }

        /** Returns the signature as ASCII bytes of URL-safe base64 without padding. */
        byte[] signature(byte[] message) {
            byte[] out = new byte[SIGNATURE_CHARS];
            signatureInto(message, 0, message.length, out, 0);
            return out;
        }

        /** Writes the signature of {@code message[from, to)} as 43 base64 characters at {@code out[at]}. */
        void signatureInto(byte[] message, int from, int to, byte[] out, int at) {
            Hmac hmac = take();
            hmac.mac.update(message, from, to - from);
            try {
                hmac.mac.doFinal(hmac.scratch, 0); // also resets the Mac for its next use; if it threw, the Mac is dropped
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException("HMAC-SHA256 is 32 bytes", e);
            }
            Base64Url.encode(hmac.scratch, 0, 32, out, at);
            idle.release(hmac);
        }

        /**
         * Whether {@code s[sep + 1, length)} is the signature of the ASCII characters {@code s[0, sep)}:
         * {@link #MATCH}, {@link #NO_MATCH}, or {@link #NOT_ASCII} (nothing compared) if a character of the value
         * is outside ASCII. The value reaches the Mac through the scratch array's first {@code ASCII_CHUNK}
         * bytes; the HMAC is written to {@code [0, 32)} and its base64 to {@code [EXPECTED_AT, EXPECTED_AT + 43)}.
         */
        int verifyAscii(String s, int sep) {
            Hmac hmac = take();
            Mac mac = hmac.mac;
            byte[] chunk = hmac.scratch;
            for (int from = 0; from < sep; from += ASCII_CHUNK) {
                int n = Math.min(ASCII_CHUNK, sep - from);
                int high = 0;
                for (int i = 0; i < n; i++) {
                    char c = s.charAt(from + i);
                    high |= c;
                    chunk[i] = (byte) c;
                }
                if (high >= 0x80) {
                    mac.reset();
                    idle.release(hmac);
                    return NOT_ASCII;
                }
                mac.update(chunk, 0, n);
            }
            try {
                mac.doFinal(chunk, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException("HMAC-SHA256 is 32 bytes", e);
            }
            Base64Url.encode(chunk, 0, 32, chunk, EXPECTED_AT);
            boolean match = constantTimeEquals(chunk, EXPECTED_AT, s, sep + 1);
            idle.release(hmac);
            return match ? MATCH : NO_MATCH;
        }

        /**
         * Whether {@code signed[sep + 1, length)} is the signature of {@code signed[0, sep)}; the HMAC reads the array
         * in place, and is written to the scratch array as in {@link #verifyAscii}.
         */
        boolean verifyBytes(byte[] signed, int sep, int length) {
            Hmac hmac = take();
            byte[] scratch = hmac.scratch;
            hmac.mac.update(signed, 0, sep);
            try {
                hmac.mac.doFinal(scratch, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException("HMAC-SHA256 is 32 bytes", e);
            }
            Base64Url.encode(scratch, 0, 32, scratch, EXPECTED_AT);
            boolean match = constantTimeEquals(scratch, EXPECTED_AT, signed, sep + 1, length);
            idle.release(hmac);
            return match;
        }

        private Hmac take() {
            Hmac hmac = idle.take();
            return hmac != null ? hmac : new Hmac(newMac(), new byte[ASCII_CHUNK]);
        }

        private Mac newMac() {
            try {
                if (prototype != null) {
                    return (Mac) prototype.clone();
                }
                Mac mac = Mac.getInstance(HMAC);
                mac.init(spec);
                return mac;
            } catch (CloneNotSupportedException | GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        }
    }
}
