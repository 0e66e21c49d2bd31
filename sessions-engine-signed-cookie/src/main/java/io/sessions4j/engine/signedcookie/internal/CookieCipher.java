package io.sessions4j.engine.signedcookie.internal;

import io.sessions4j.api.BadSignatureException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encrypted cookie format: AES-256-GCM under keys derived from the secrets.
 *
 * <pre>
 * cookie    = "!1." base64url-nopad( nonce(12) ‖ ciphertext ‖ tag(16) )
 * key       = HKDF-SHA256(ikm = UTF-8(secret), salt = {@value #HKDF_SALT}, info = {@value #HKDF_INFO}, L = 32)
 * AAD       = ASCII("!1.")
 * </pre>
 *
 * <p>The prefix starts with {@code '!'}, a character no Django signed value contains, so an encrypted
 * cookie is never mistaken for a plain one; the {@code 1} is the format version, also bound into the
 * key derivation and the AAD. Each cookie gets a fresh random 96-bit nonce (with random nonces NIST
 * SP 800-38D allows 2<sup>32</sup> encryptions per key: far beyond the cookies one secret signs in
 * practice, and rotating {@code sessions.secret.key} starts a new key).
 *
 * <p>Keys are derived once, here: nothing is derived per request. {@link #open} tries the current
 * secret's key, then each fallback's, so secrets rotate exactly as for signed values. Thread-safe.
 */
public final class CookieCipher {
    /** What every encrypted cookie value starts with. */
    public static final String PREFIX = "!1.";
    static final String HKDF_SALT = "io.sessions4j.engine.signedcookie";
    static final String HKDF_INFO = "sessions4j signed_cookies AES-256-GCM v1";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder B64E = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final List<SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secret the current secret (encrypts and decrypts)
     * @param fallbackSecrets older secrets that still decrypt, in order
     */
    public CookieCipher(String secret, List<String> fallbackSecrets) {
        List<SecretKeySpec> derived = new ArrayList<>(1 + fallbackSecrets.size());
        derived.add(derive(Objects.requireNonNull(secret, "secret")));
        fallbackSecrets.forEach(s -> derived.add(derive(s)));
        this.keys = List.copyOf(derived);
        // Fail at start-up, not at the first request, if the JVM lacks AES-GCM.
        newCipher();
    }

    /** Encrypts {@code plaintext} with the current secret's key into a cookie value. */
    public String seal(byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = newCipher();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(AAD);
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(plaintext.length));
            out.put(nonce);
            cipher.doFinal(ByteBuffer.wrap(plaintext), out);
            return PREFIX + B64E.encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts a value made by {@link #seal} with the current or a fallback secret.
     *
     * @throws BadSignatureException when the value is malformed or no key authenticates it
     */
    public byte[] open(String value) {
        if (!value.startsWith(PREFIX)) {
            throw new BadSignatureException("Not an encrypted session cookie");
        }
        byte[] raw;
        try {
            raw = B64D.decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new BadSignatureException("Encrypted session cookie is not valid URL-safe base64", e);
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new BadSignatureException("Encrypted session cookie is truncated");
        }
        GCMParameterSpec nonce = new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES);
        for (SecretKeySpec key : keys) {
            try {
                Cipher cipher = newCipher();
                cipher.init(Cipher.DECRYPT_MODE, key, nonce);
                cipher.updateAAD(AAD);
                return cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            } catch (AEADBadTagException e) {
                // Not this secret (or tampered): try the next one.
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM decryption failed", e);
            }
        }
        throw new BadSignatureException("Encrypted session cookie does not authenticate with any configured secret");
    }

    /** HKDF-SHA256 (RFC 5869) for one 32-byte output block. */
    static SecretKeySpec derive(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HKDF_SALT.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            byte[] prk = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(HKDF_INFO.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 1);
            return new SecretKeySpec(mac.doFinal(), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is not available", e);
        }
    }
}
