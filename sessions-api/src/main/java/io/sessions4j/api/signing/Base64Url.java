package io.sessions4j.api.signing;

/**
 * URL-safe base64 without padding (RFC 4648 §5), encoding into a caller's array at an offset, so that a signed
 * value can be built in one buffer. {@link java.util.Base64} encodes only into offset 0 or a fresh array.
 */
final class Base64Url {
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Base64Url() {
    }

    /** Characters {@link #encode} writes for {@code n} bytes. */
    static int encodedLength(int n) {
        return (n / 3) * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
    }

    /** Encodes {@code src[from, to)} at {@code dst[at]}; returns the index after the last character written. */
    static int encode(byte[] src, int from, int to, byte[] dst, int at) {
        int i = from;
        int o = at;
        for (int end = to - 2; i < end; i += 3) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
            dst[o++] = ALPHABET[bits >>> 18];
            dst[o++] = ALPHABET[(bits >>> 12) & 0x3f];
            dst[o++] = ALPHABET[(bits >>> 6) & 0x3f];
            dst[o++] = ALPHABET[bits & 0x3f];
        }
        int left = to - i;
        if (left == 1) {
            int bits = (src[i] & 0xff) << 16;
            dst[o++] = ALPHABET[bits >>> 18];
            dst[o++] = ALPHABET[(bits >>> 12) & 0x3f];
        } else if (left == 2) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8;
            dst[o++] = ALPHABET[bits >>> 18];
            dst[o++] = ALPHABET[(bits >>> 12) & 0x3f];
            dst[o++] = ALPHABET[(bits >>> 6) & 0x3f];
        }
        return o;
    }
}
