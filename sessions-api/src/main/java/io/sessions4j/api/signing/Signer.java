package io.sessions4j.api.signing;

import io.sessions4j.api.BadSignatureException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
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
 * <p>Immutable and thread-safe. The HMAC keys are derived once, in the constructor.
 */
public final class Signer {
    /** The separator between value and signature; fixed, as in Django's default. */
    public static final char SEPARATOR = ':';
    /** Django's salt when none is given: the class's dotted path. */
    public static final String DEFAULT_SALT = "django.core.signing.Signer";

    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

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
        throw new BadSignatureException("Signature \"" + sig + "\" does not match");
    }

    /** One derived HMAC key. A Mac is not thread-safe, so each call works on a clone of a prototype. */
    private static final class Key {
        private final SecretKeySpec spec;
        /** Initialised prototype; null if the provider's Mac cannot be cloned. */
        private final Mac prototype;

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
            return B64.encode(mac().doFinal(message));
        }

        // Cloning an initialised Mac copies two digest states: much cheaper than getInstance + init,
        // and unlike a ThreadLocal it does not pin one Mac per (virtual) thread.
        private Mac mac() {
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
