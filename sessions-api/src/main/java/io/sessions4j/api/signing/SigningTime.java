package io.sessions4j.api.signing;

import java.time.Instant;

/**
 * The signing time of a Django {@code TimestampSigner} value ({@code value:timestamp:signature}), read
 * without checking the signature: for describing data that was already verified (or that is only shown,
 * never trusted).
 */
public final class SigningTime {
    private SigningTime() {
    }

    /** The signing time of {@code signed}, or null when it is not of that shape. */
    public static Instant of(String signed) {
        int signature = signed.lastIndexOf(':');
        int timestamp = signature > 0 ? signed.lastIndexOf(':', signature - 1) : -1;
        if (timestamp < 0) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Base62.decode(signed.substring(timestamp + 1, signature)));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
