package io.sessions4j.api.signing;

/**
 * Django's {@code b62_encode}/{@code b62_decode} (alphabet {@code 0-9A-Za-z}, a leading {@code '-'}
 * for negative numbers), restricted to {@code long}.
 */
final class Base62 {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Base62() {
    }

    static String encode(long s) {
        if (s == 0) {
            return "0";
        }
        // 62^11 > 2^63, so 11 digits and a sign always fit.
        char[] buf = new char[12];
        int pos = buf.length;
        boolean negative = s < 0;
        // Work on the negative value so Long.MIN_VALUE (which has no positive counterpart) works too.
        long n = negative ? s : -s;
        while (n != 0) {
            buf[--pos] = ALPHABET.charAt((int) -(n % 62));
            n /= 62;
        }
        if (negative) {
            buf[--pos] = '-';
        }
        return new String(buf, pos, buf.length - pos);
    }

    /** Characters {@link #encode} writes for {@code s}. */
    static int encodedLength(long s) {
        int n = s <= 0 ? 1 : 0; // "0", or the sign
        for (long v = s; v != 0; v /= 62) {
            n++;
        }
        return n;
    }

    /** {@link #encode(long)} as ASCII bytes at {@code dst[at]}; returns the index after the last one. */
    static int encode(long s, byte[] dst, int at) {
        int end = at + encodedLength(s);
        if (s == 0) {
            dst[at] = '0';
            return end;
        }
        long n = s < 0 ? s : -s; // negative, as in encode(long), for Long.MIN_VALUE
        for (int pos = end; n != 0; n /= 62) {
            dst[--pos] = (byte) ALPHABET.charAt((int) -(n % 62));
        }
        if (s < 0) {
            dst[at] = '-';
        }
        return end;
    }

    /**
     * Decodes like Django, including its quirks: leading zeros are allowed and a lone {@code "-"} is 0.
     *
     * @throws IllegalArgumentException if {@code s} is empty, has a character outside the alphabet
     *     or does not fit in a {@code long} (Python would return a big integer there)
     */
    static long decode(String s) {
        return decode(s, 0, s.length());
    }

    /** {@link #decode(String)} of {@code s.substring(from, to)}, without the substring. */
    static long decode(String s, int from, int to) {
        if (from >= to) {
            throw new IllegalArgumentException("empty base62 string");
        }
        boolean negative = s.charAt(from) == '-';
        long n = 0;
        try {
            for (int i = negative ? from + 1 : from; i < to; i++) {
                int d = digit(s.charAt(i));
                if (d < 0) {
                    throw new IllegalArgumentException("invalid base62 digit in \"" + s.substring(from, to) + "\"");
                }
                n = Math.subtractExact(Math.multiplyExact(n, 62L), d);
            }
            return negative ? n : Math.negateExact(n);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("base62 value out of range: \"" + s.substring(from, to) + "\"", e);
        }
    }

    /** {@link #decode(String, int, int)} of characters given as bytes (a byte outside ASCII is no digit). */
    static long decode(byte[] s, int from, int to) {
        if (from >= to) {
            throw new IllegalArgumentException("empty base62 string");
        }
        boolean negative = s[from] == '-';
        long n = 0;
        try {
            for (int i = negative ? from + 1 : from; i < to; i++) {
                int d = s[i] >= 0 ? digit((char) s[i]) : -1;
                if (d < 0) {
                    throw new IllegalArgumentException("invalid base62 digit in \""
                            + new String(s, from, to - from, java.nio.charset.StandardCharsets.UTF_8) + "\"");
                }
                n = Math.subtractExact(Math.multiplyExact(n, 62L), d);
            }
            return negative ? n : Math.negateExact(n);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("base62 value out of range: \""
                    + new String(s, from, to - from, java.nio.charset.StandardCharsets.UTF_8) + "\"", e);
        }
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 36;
        }
        return -1;
    }
}
