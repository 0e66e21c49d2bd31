package io.sessions4j.api.signing;

import io.sessions4j.api.BadSignatureException;
import io.sessions4j.api.SignatureExpiredException;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Django's {@code django.core.signing.TimestampSigner}: {@code value:base62(epochSeconds):signature},
 * where the signature covers {@code value:base62(epochSeconds)}.
 *
 * <p>The clock is passed in rather than read, so callers (and tests) decide what "now" is.
 * Immutable and thread-safe.
 */
public final class TimestampSigner {
    /** Django's salt when none is given: the class's dotted path. */
    public static final String DEFAULT_SALT = "django.core.signing.TimestampSigner";

    private final Signer signer;

    /**
     * @param secret the current secret; must not be empty
     * @param fallbackSecrets older secrets still accepted when unsigning; {@code null} means none
     * @param salt {@code null} or empty means {@link #DEFAULT_SALT}, as in Django
     * @throws IllegalArgumentException if {@code secret} is null or empty
     */
    public TimestampSigner(String secret, List<String> fallbackSecrets, String salt) {
        signer = new Signer(secret, fallbackSecrets, salt, DEFAULT_SALT);
    }

    /**
     * Signs {@code value} with the current secret, stamped with {@code now} truncated to whole seconds
     * (Django: {@code int(time.time())}, which truncates toward zero).
     */
    public String sign(String value, Instant now) {
        return signer.sign(value + Signer.SEPARATOR + timestamp(now));
    }

    /** The timestamp part of a signed value: {@code now} in whole seconds, base62. */
    static String timestamp(Instant now) {
        return Base62.encode(epochSeconds(now));
    }

    /** {@code now} in whole seconds as Django stamps it: {@code int(time.time())}. */
    static long epochSeconds(Instant now) {
        long seconds = now.getEpochSecond();
        if (seconds < 0 && now.getNano() > 0) {
            seconds++; // getEpochSecond floors; Python's int() truncates toward zero
        }
        return seconds;
    }

    /** The signer of {@code value:timestamp}, for the byte-level path of {@link SignedPayload}. */
    Signer signer() {
        return signer;
    }

    /**
     * Verifies {@code signed} and, if {@code maxAge} is given, its age.
     *
     * @param maxAge maximum allowed age ({@code now - timestamp}); {@code null} skips the check
     * @param now the current time
     * @return the value and the time it was signed
     * @throws SignatureExpiredException if the signature is valid but older than {@code maxAge}
     * @throws BadSignatureException if the signature does not verify or the timestamp is malformed
     */
    public Unsigned unsign(String signed, Duration maxAge, Instant now) {
        String result = signer.unsign(signed);
        // Only reachable with a valid signature, i.e. by someone holding the secret; Django would
        // raise ValueError here, we keep to the BadSignatureException family.
        int sep = result.lastIndexOf(Signer.SEPARATOR);
        if (sep < 0) {
            throw new BadSignatureException("No timestamp found in signed value");
        }
        Instant timestamp;
        try {
            timestamp = Instant.ofEpochSecond(Base62.decode(result.substring(sep + 1)));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new BadSignatureException("Malformed timestamp in signed value", e);
        }
        checkAge(timestamp, maxAge, now);
        return new Unsigned(result.substring(0, sep), timestamp);
    }

    /**
     * {@link #unsign} without Strings for the parts, for an ASCII value: returns the index of the {@code ':'} that
     * ends the original value (its length) and the time it was signed through {@code timestamp[0]}, or
     * {@link Signer#NOT_ASCII}, for {@link #unsign} to judge.
     */
    int unsignAscii(String signed, Duration maxAge, Instant now, Instant[] timestamp) {
        int end = signer.unsignAscii(signed);
        if (end == Signer.NOT_ASCII) {
            return end;
        }
        int sep = signed.lastIndexOf(Signer.SEPARATOR, end - 1);
        if (sep < 0) {
            throw new BadSignatureException("No timestamp found in signed value");
        }
        try {
            timestamp[0] = Instant.ofEpochSecond(Base62.decode(signed, sep + 1, end));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new BadSignatureException("Malformed timestamp in signed value", e);
        }
        checkAge(timestamp[0], maxAge, now);
        return sep;
    }

    /**
     * {@link #unsign} of a value given as its UTF-8 bytes {@code signed[0, length)}, without Strings for the parts:
     * returns the time it was signed. The original value ends at the {@code ':'} before the timestamp, i.e.
     * {@code Signer.lastSeparator(signed, Signer.lastSeparator(signed, length))}: found again by the caller, rather
     * than returned through an array (one allocation fewer on every read).
     *
     * @throws SignatureExpiredException as {@link #unsign}
     * @throws BadSignatureException as {@link #unsign}
     */
    Instant unsignBytes(byte[] signed, int length, Duration maxAge, Instant now) {
        int end = signer.unsignBytes(signed, length);
        int sep = Signer.lastSeparator(signed, end);
        if (sep < 0) {
            throw new BadSignatureException("No timestamp found in signed value");
        }
        Instant timestamp;
        try {
            timestamp = Instant.ofEpochSecond(Base62.decode(signed, sep + 1, end));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new BadSignatureException("Malformed timestamp in signed value", e);
        }
        checkAge(timestamp, maxAge, now);
        return timestamp;
    }

    private static void checkAge(Instant timestamp, Duration maxAge, Instant now) {
        if (maxAge != null) {
            Duration age = Duration.between(timestamp, now);
            if (age.compareTo(maxAge) > 0) {
                throw new SignatureExpiredException(
                        "Signature age " + seconds(age) + " > " + seconds(maxAge) + " seconds");
            }
        }
    }

    /** Seconds as a plain decimal, like the numbers in Django's message. Error path only. */
    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    /**
     * A verified value.
     *
     * @param value the original value
     * @param timestamp when it was signed (whole seconds)
     */
    public record Unsigned(String value, Instant timestamp) {
    }
}
