package io.sessions4j.api.signing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;

/**
 * URL-safe base64 without padding (RFC 4648 §5), encoding into a caller's array at an offset, so that a signed
 * value can be built in one buffer. {@link java.util.Base64} encodes only into offset 0 or a fresh array.
 *
 * <p>Table-driven (issue #20): the encoder looks up two characters per 12 bits and stores four at once, the byte
 * decoder adds up pre-shifted 6-bit values and stores three bytes with one 4-byte write where the output has room
 * for it. On JDK 17 without AVX-512 the JDK's coder is a plain loop too, and these are ~1.5–2× faster than it and
 * than a character-at-a-time loop; where the JVM has the JDK's base64 intrinsic, whole arrays go to the JDK.
 */
final class Base64Url {
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final java.util.Base64.Encoder JDK = java.util.Base64.getUrlEncoder().withoutPadding();
    /** Whether the JDK's encoder is a vectorised intrinsic here (HotSpot with AVX-512 on JDK 17). */
    private static final boolean JDK_INTRINSIC = jdkIntrinsic();

    /** The two characters of each 12-bit value, the first in the high byte. */
    private static final short[] PAIRS = new short[1 << 12];
    /** Each byte's 6-bit value shifted to its place in a group of four ({@code << 18, 12, 6, 0}); -1 outside the alphabet. */
    private static final int[] AT0 = new int[256];
    private static final int[] AT1 = new int[256];
    private static final int[] AT2 = new int[256];
    private static final int[] AT3 = new int[256];
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    static {
        for (int v = 0; v < PAIRS.length; v++) {
            PAIRS[v] = (short) (ALPHABET[v >>> 6] << 8 | ALPHABET[v & 0x3f]);
        }
        java.util.Arrays.fill(AT0, -1);
        java.util.Arrays.fill(AT1, -1);
        java.util.Arrays.fill(AT2, -1);
        java.util.Arrays.fill(AT3, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            AT0[ALPHABET[i]] = i << 18;
            AT1[ALPHABET[i]] = i << 12;
            AT2[ALPHABET[i]] = i << 6;
            AT3[ALPHABET[i]] = i;
        }
    }

    private Base64Url() {
    }

    private static boolean jdkIntrinsic() {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseBASE64Intrinsics").getValue());
        } catch (RuntimeException | LinkageError e) { // not HotSpot, or no such option: the loop is never wrong
            return false;
        }
    }

    /** Characters {@link #encode} writes for {@code n} bytes. */
    static int encodedLength(int n) {
        return (n / 3) * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
    }

    /** Encodes {@code src[from, to)} at {@code dst[at]}; returns the index after the last character written. */
    static int encode(byte[] src, int from, int to, byte[] dst, int at) {
        if (JDK_INTRINSIC && from == 0 && to == src.length && at == 0) {
            // The JDK's intrinsic (AVX-512) encodes a 540-byte session in ~15 ns, but whole arrays at offset 0 only.
            return JDK.encode(src, dst);
        }
        int i = from;
        int o = at;
        for (int end = to - 2; i < end; i += 3) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
            INT_BE.set(dst, o, PAIRS[bits >>> 12] << 16 | PAIRS[bits & 0xfff] & 0xffff);
            o += 4;
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

    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
        }
    }

    /**
     * Decodes {@code s[from, to)} when it holds only characters of the alphabet, as {@link java.util.Base64}'s
     * URL decoder does (a last group of 2 or 3 characters gives 1 or 2 bytes; the unused low bits are ignored);
     * null when it holds anything else (padding, other characters) or its length cannot be base64 (4n + 1), for
     * the JDK's decoder to decide.
     */
    static byte[] decode(String s, int from, int to) {
        int n = to - from;
        if (n % 4 == 1) {
            return null;
        }
        byte[] out = new byte[decodedLength(n)];
        return decodeInto(s, from, to, out) < 0 ? null : out;
    }

    /** Bytes {@link #decodeInto} writes for {@code n} characters (not 4k + 1). */
    static int decodedLength(int n) {
        return n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1);
    }

    /**
     * {@link #decode} into {@code out[0, decodedLength(to - from))}: returns that length, or -1 where {@link #decode}
     * returns null (then {@code out} holds garbage).
     */
    static int decodeInto(String s, int from, int to, byte[] out) {
        if ((to - from) % 4 == 1) {
            return -1;
        }
        int o = 0;
        int i = from;
        for (int end = to - 3; i < end; i += 4) {
            int bits = value(s.charAt(i)) << 18 | value(s.charAt(i + 1)) << 12 | value(s.charAt(i + 2)) << 6
                    | value(s.charAt(i + 3));
            if (bits < 0) {
                return -1;
            }
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        int left = to - i;
        if (left >= 2) {
            int bits = value(s.charAt(i)) << 18 | value(s.charAt(i + 1)) << 12 | (left == 3 ? value(s.charAt(i + 2)) << 6 : 0);
            if (bits < 0) {
                return -1;
            }
            out[o++] = (byte) (bits >> 16);
            if (left == 3) {
                out[o++] = (byte) (bits >> 8);
            }
        }
        return o;
    }

    /**
     * {@link #decodeInto(String, int, int, byte[])} of characters given as bytes (ASCII; any byte outside it is not in
     * the alphabet): for a value read as bytes, decoded without a String of it.
     */
    static int decodeInto(byte[] s, int from, int to, byte[] out) {
        if ((to - from) % 4 == 1) {
            return -1;
        }
        int quads = (to - from) / 4;
        // Groups whose three bytes can be stored with one 4-byte write (its fourth byte is overwritten by the next
        // group or lies past the decoded length); the last groups store byte by byte.
        int wide = Math.min(quads, out.length < 4 ? 0 : (out.length - 4) / 3 + 1);
        int bad = 0;
        int o = 0;
        int i = from;
        for (int end = from + 4 * wide; i < end; i += 4) {
            int bits = AT0[s[i] & 0xff] | AT1[s[i + 1] & 0xff] | AT2[s[i + 2] & 0xff] | AT3[s[i + 3] & 0xff];
            bad |= bits; // judged once at the end: out holds garbage on failure anyway
            INT_BE.set(out, o, bits << 8);
            o += 3;
        }
        for (int end = from + 4 * quads; i < end; i += 4) {
            int bits = AT0[s[i] & 0xff] | AT1[s[i + 1] & 0xff] | AT2[s[i + 2] & 0xff] | AT3[s[i + 3] & 0xff];
            bad |= bits;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        int left = to - i;
        if (left >= 2) {
            int bits = AT0[s[i] & 0xff] | AT1[s[i + 1] & 0xff] | (left == 3 ? AT2[s[i + 2] & 0xff] : 0);
            bad |= bits;
            out[o++] = (byte) (bits >> 16);
            if (left == 3) {
                out[o++] = (byte) (bits >> 8);
            }
        }
        return bad < 0 ? -1 : o;
    }

    /** The 6-bit value of {@code c}, or a negative number (all high bits set) if it is not in the alphabet. */
    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
