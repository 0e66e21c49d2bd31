package io.sessions4j.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Stored session data ({@link SessionStorage.Stored#data()}) as the bytes a storage read it in: its UTF-8 encoding
 * (Django's format is ASCII, so one byte per character), exactly as the driver handed them over — a database
 * driver's row value, a Redis reply. The codec verifies and decodes them in place ({@link SessionCodec#decode(
 * StoredBytes, java.time.Instant)}), so a read-only request never turns them into a String only for the codec to turn that
 * back into bytes (issue #20: about 800 bytes of allocation per read, a third of what a read allocates beyond the
 * session itself). The String is made on demand, once, for what needs one: the compare-and-set of a later save.
 *
 * <p>Takes the array as it is, without a copy: whoever wraps it gives it up and never changes it afterwards. Nothing
 * here changes it either; the codec only reads it.
 */
public final class StoredBytes {
    private final byte[] bytes;
    /** Made from {@link #bytes} on first use; a race makes two equal Strings, never a wrong one (as String.hash). */
    private String string;

    private StoredBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The stored data as UTF-8 bytes, taken over without a copy.
     *
     * @param utf8 what the storage returned; must not change afterwards
     */
    public static StoredBytes of(byte[] utf8) {
        return new StoredBytes(Objects.requireNonNull(utf8, "utf8"));
    }

    /** The data as a String, decoded from UTF-8 as the storage's String API would have (made once). */
    public String string() {
        String s = string;
        if (s == null) {
            s = new String(bytes, StandardCharsets.UTF_8);
            string = s;
        }
        return s;
    }

    /** Bytes held (for an ASCII value, also its characters). */
    public int length() {
        return bytes.length;
    }

    /** Whether both hold the same bytes (compared in full, vectorised by the JDK). */
    public boolean sameBytes(StoredBytes other) {
        return Arrays.equals(bytes, other.bytes);
    }

    /** The array itself, for a codec of this package to read in place: never to be changed or kept. */
    byte[] array() {
        return bytes;
    }

    /** Does not print the data: sessions hold secrets. */
    @Override
    public String toString() {
        return "StoredBytes[" + bytes.length + " bytes]";
    }
}
