package io.sessions4j.api.signing;

import io.sessions4j.api.BadSignatureException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Django's {@code signing.dumps}/{@code signing.loads}, on already-serialized JSON bytes so the
 * serializer stays pluggable (see {@link DjangoJson} for one that writes what Django writes).
 *
 * <p>{@code dumps}: optionally zlib-compress (kept only if it saves at least 2 bytes, marked by a
 * leading {@code '.'}), URL-safe base64 without padding, then {@link TimestampSigner#sign}.
 * {@code loads} reverses this. Decompression is bounded: a payload that inflates beyond
 * {@code maxDecompressedBytes} is rejected as soon as the limit is crossed, so a signed zlib bomb
 * (possible for anyone who ever held a secret) cannot exhaust memory.
 *
 * <p>Immutable and thread-safe.
 */
public final class SignedPayload {
    /** Django's default salt for {@code signing.dumps}. */
    public static final String DEFAULT_SALT = "django.core.signing";
    /** Salt of {@code session_data} in Django's db, cache, cached_db and file session engines. */
    public static final String SESSION_STORE_SALT = "django.contrib.sessions.SessionStore";
    /** Salt of the cookie value in Django's signed_cookies session engine. */
    public static final String SIGNED_COOKIES_SALT = "django.contrib.sessions.backends.signed_cookies";
    /** Default bound on the inflated size of a compressed payload: 1 MiB. */
    public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 1 << 20;

    // Accepts input with or without '=' padding, like Django's b64_decode (which re-adds it).
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** Decoding buffers kept for reuse are at least this long, and payloads longer than the largest are not pooled. */
    private static final int MIN_POOLED_BUFFER = 1024;
    private static final int MAX_POOLED_BUFFER = 16 * 1024;

    /** Decoding buffers of {@link #loads(String, Duration, Instant, PayloadReader)}, and the buffers {@link #dumps} signs in. */
    private final IdlePool<byte[]> buffers = new IdlePool<>();
    /**
     * Byte images of String values, so that those are verified and decoded by the byte path. A value longer than this
     * (never a cookie: browsers keep 4096 bytes) takes the String path and its character loops.
     */
    private static final int MAX_IMAGED_CHARS = 8 * 1024;
    private final IdlePool<AsciiImage> images = new IdlePool<>();

    private final TimestampSigner signer;
    private final int maxDecompressedBytes;
    private final int compressMinBytes;

    /**
     * @param secret the current secret; must not be empty
     * @param fallbackSecrets older secrets still accepted by {@link #loads}; {@code null} means none
     * @param salt e.g. {@link #SESSION_STORE_SALT}; {@code null} means {@link #DEFAULT_SALT} (the default of
     *     Django's {@code dumps}); an empty salt is passed on as in Django, where the signer then uses
     *     {@link TimestampSigner#DEFAULT_SALT}
     * @param maxDecompressedBytes largest inflated payload {@link #loads} accepts, &gt; 0
     * @throws IllegalArgumentException if {@code secret} is empty or the limit is not positive
     */
    public SignedPayload(String secret, List<String> fallbackSecrets, String salt, int maxDecompressedBytes) {
        this(secret, fallbackSecrets, salt, maxDecompressedBytes, 0);
    }

    /**
     * Like the four-argument constructor, with a compression threshold for {@link #dumps(byte[], Instant)}.
     *
     * @param compressMinBytes payloads shorter than this are never compressed by {@link #dumps(byte[], Instant)};
     *     0 tries every payload, as Django does
     */
    public SignedPayload(String secret, List<String> fallbackSecrets, String salt, int maxDecompressedBytes,
                         int compressMinBytes) {
        if (maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must be > 0: " + maxDecompressedBytes);
        }
        if (compressMinBytes < 0) {
            throw new IllegalArgumentException("compressMinBytes must be >= 0: " + compressMinBytes);
        }
        this.signer = new TimestampSigner(secret, fallbackSecrets, salt == null ? DEFAULT_SALT : salt);
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.compressMinBytes = compressMinBytes;
    }

    /** Same as the four-argument constructor with {@link #DEFAULT_MAX_DECOMPRESSED_BYTES}. */
    public SignedPayload(String secret, List<String> fallbackSecrets, String salt) {
        this(secret, fallbackSecrets, salt, DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    /**
     * Signs serialized data, with the current secret and timestamp {@code now}.
     *
     * @param json the serialized object (Django sessions: compact, ASCII-only JSON)
     * @param compress try zlib compression; Django's session engines always pass {@code true}. Never for
     *                 {@code json} longer than the {@code maxDecompressedBytes} {@link #loads} inflates: kept plain
     * @return the signed string, identical to Django's for the same bytes, key, salt and second (but for JSON beyond
     *         {@code maxDecompressedBytes}, which Django would compress)
     */
    public String dumps(byte[] json, boolean compress, Instant now) {
        byte[] payload = json;
        int length = json.length;
        boolean compressed = false;
        // Never compressed beyond what loads inflates: such a value would be stored, and then read by nobody (an empty
        // session on every node). Kept plain, any reader reads it, as Django's loads reads both forms.
        if (compress && json.length <= maxDecompressedBytes) {
            // Django keeps the compressed form only if len(compressed) < len(data) - 1. Give the
            // deflater exactly that much room: if it cannot finish inside it, the result would be
            // discarded anyway, and we stop early instead of compressing everything.
            byte[] out = new byte[Math.max(0, json.length - 2)];
            int n = deflateInto(json, out);
            if (n >= 0) {
                payload = out;
                length = n;
                compressed = true;
            }
        }
        // The whole value in one ASCII buffer, "[.]base64:timestamp" then ":signature": one String at the end
        // instead of a copy per step (base64, the two separators, UTF-8 bytes for the HMAC). The buffer is pooled:
        // the String copies what it needs.
        long seconds = TimestampSigner.epochSeconds(now);
        int valueLength = (compressed ? 1 : 0) + Base64Url.encodedLength(length) + 1 + Base62.encodedLength(seconds);
        int signedLength = valueLength + Signer.SIGNED_SUFFIX;
        boolean pool = signedLength <= MAX_POOLED_BUFFER;
        byte[] buffer = pool ? buffers.take() : null;
        if (buffer == null || buffer.length < signedLength) {
            buffer = new byte[pool ? Math.max(signedLength, MIN_POOLED_BUFFER) : signedLength];
        }
        try {
            int at = 0;
            if (compressed) {
                buffer[at++] = '.';
            }
            at = Base64Url.encode(payload, 0, length, buffer, at);
            buffer[at++] = Signer.SEPARATOR;
            Base62.encode(seconds, buffer, at);
            signer.signer().signInPlace(buffer, valueLength);
            return new String(buffer, 0, signedLength, StandardCharsets.ISO_8859_1);
        } finally {
            if (pool) {
                buffers.release(buffer);
            }
        }
    }

    /**
     * Signs serialized data, compressing it only when it is at least the configured
     * {@code compressMinBytes} long. zlib's fixed cost per stream (some microseconds) dominates the
     * whole encode and decode of a typical session of a few hundred bytes, while saving little;
     * Django reads both forms, so sessions stay shareable.
     */
    public String dumps(byte[] json, Instant now) {
        return dumps(json, json.length >= compressMinBytes, now);
    }

    /** The signing time a value dumped at {@code now} carries, as {@link #loads} reports it: Django's whole seconds. */
    public static Instant signingTime(Instant now) {
        return Instant.ofEpochSecond(TimestampSigner.epochSeconds(now));
    }

    /**
     * Verifies and decodes a string made by {@link #dumps} or by Django's {@code signing.dumps}.
     *
     * @param maxAge maximum age of the signature; {@code null} skips the check
     * @param now the current time
     * @return the serialized data and when it was signed
     * @throws io.sessions4j.api.SignatureExpiredException if valid but older than {@code maxAge}
     * @throws BadSignatureException if the signature does not verify, or the signed content is not valid
     *     base64 or zlib, or inflates beyond the configured limit
     */
    public Loaded loads(String signed, Duration maxAge, Instant now) {
        // Decoded into an array of its own, exactly sized: Loaded keeps it without a copy.
        return load(signed, maxAge, now, false, LOADED);
    }

    /** The reader of {@link #loads(String, Duration, Instant)}: a Loaded with the bytes, copied only if a range. */
    private static final PayloadReader<Loaded> LOADED = (bytes, offset, length, signedAt) -> new Loaded(
            offset == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length), signedAt);

    /**
     * {@link #loads(String, Duration, Instant)} handing the serialized data to {@code reader} instead of returning a
     * copy: the bytes may be a buffer that is reused once {@code reader} returns, so it must read them during the
     * call and keep no reference to the array (a deserializer that builds its own values does exactly that). Saves
     * the decoded payload's allocation per read.
     *
     * @return what {@code reader} returned
     * @throws io.sessions4j.api.SignatureExpiredException as {@link #loads(String, Duration, Instant)}
     * @throws BadSignatureException as {@link #loads(String, Duration, Instant)}
     */
    public <T> T loads(String signed, Duration maxAge, Instant now, PayloadReader<T> reader) {
        return load(signed, maxAge, now, true, reader);
    }

    /**
     * {@link #loads(String, Duration, Instant, PayloadReader)} of a value given as its UTF-8 bytes — the form it is
     * signed in — as a database driver or Redis returned them: verified and decoded in place, without a String of the
     * value (for Django's ASCII format, the same answer as the String of those bytes gives). {@code signed} is only
     * read, never kept.
     *
     * @return what {@code reader} returned
     * @throws io.sessions4j.api.SignatureExpiredException as {@link #loads(String, Duration, Instant)}
     * @throws BadSignatureException as {@link #loads(String, Duration, Instant)}
     */
    public <T> T loads(byte[] signed, Duration maxAge, Instant now, PayloadReader<T> reader) {
        return loadBytes(signed, signed.length, maxAge, now, reader);
    }

    /** {@link #loads(byte[], Duration, Instant, PayloadReader)} of {@code signed[0, length)}. */
    private <T> T loadBytes(byte[] signed, int length, Duration maxAge, Instant now, PayloadReader<T> reader) {
        Instant signedAt = signer.unsignBytes(signed, length, maxAge, now);
        int end = Signer.lastSeparator(signed, Signer.lastSeparator(signed, length)); // both there: it verified
        boolean compressed = end > 0 && signed[0] == '.';
        int from = compressed ? 1 : 0;
        int n = end - from;
        if (n % 4 == 1) {
            return read(decodeBase64(new String(signed, from, n, StandardCharsets.ISO_8859_1)), compressed, signedAt,
                    reader); // the JDK says why
        }
        int needed = Base64Url.decodedLength(n);
        boolean pool = needed <= MAX_POOLED_BUFFER;
        byte[] buffer = pool ? buffers.take() : null;
        if (buffer == null || buffer.length < needed) {
            buffer = new byte[pool ? Math.max(needed, MIN_POOLED_BUFFER) : needed];
        }
        try {
            int decoded = Base64Url.decodeInto(signed, from, end, buffer);
            if (decoded < 0) { // padding or characters outside the alphabet (any byte outside ASCII): the JDK decides
                return read(decodeBase64(new String(signed, from, n, StandardCharsets.ISO_8859_1)), compressed,
                        signedAt, reader);
            }
            return compressed ? inflate(buffer, decoded, signedAt, reader) : reader.read(buffer, 0, decoded, signedAt);
        } finally {
            if (pool) {
                buffers.release(buffer);
            }
        }
    }

    /** Reads the data of a verified payload; see {@link #loads(String, Duration, Instant, PayloadReader)}. */
    @FunctionalInterface
    public interface PayloadReader<T> {
        /** Reads {@code bytes[offset, offset + length)}, signed at {@code signedAt} (whole seconds). */
        T read(byte[] bytes, int offset, int length, Instant signedAt);
    }

    private <T> T load(String signed, Duration maxAge, Instant now, boolean pooled, PayloadReader<T> reader) {
        // Every value we or Django sign is ASCII: copied once into a pooled byte image and handled by the byte path
        // (the same verdicts and messages for ASCII input; SignedPayloadTest compares them), which reads arrays
        // instead of characters one call at a time.
        if (signed.length() <= MAX_IMAGED_CHARS) {
            AsciiImage image = images.take();
            if (image == null) {
                image = new AsciiImage(MIN_POOLED_BUFFER);
            }
            try {
                if (image.copy(signed)) {
                    return loadBytes(image.bytes(), signed.length(), maxAge, now, reader);
                }
            } finally {
                images.release(image);
            }
        }
        // Not ASCII, or too long to keep an image of: verified and decoded straight from the String, without a copy
        // of it per part.
        Instant[] timestamp = new Instant[1];
        int end = signer.unsignAscii(signed, maxAge, now, timestamp);
        if (end == Signer.NOT_ASCII) {
            return read(verify(signed, maxAge, now), reader);
        }
        boolean compressed = end > 0 && signed.charAt(0) == '.';
        int from = compressed ? 1 : 0;
        int n = end - from;
        if (n % 4 == 1) {
            return read(decodeBase64(signed.substring(from, end)), compressed, timestamp[0], reader); // the JDK says why
        }
        int needed = Base64Url.decodedLength(n);
        boolean pool = pooled && needed <= MAX_POOLED_BUFFER;
        byte[] buffer = pool ? buffers.take() : null;
        if (buffer == null || buffer.length < needed) {
            buffer = new byte[pool ? Math.max(needed, MIN_POOLED_BUFFER) : needed];
        }
        try {
            int length = Base64Url.decodeInto(signed, from, end, buffer);
            if (length < 0) { // padding or characters outside the alphabet: the JDK's decoder decides
                return read(decodeBase64(signed.substring(from, end)), compressed, timestamp[0], reader);
            }
            return compressed ? inflate(buffer, length, timestamp[0], reader) : reader.read(buffer, 0, length, timestamp[0]);
        } finally {
            if (pool) {
                buffers.release(buffer);
            }
        }
    }

    private <T> T read(byte[] data, boolean compressed, Instant signedAt, PayloadReader<T> reader) {
        return compressed ? inflate(data, data.length, signedAt, reader) : reader.read(data, 0, data.length, signedAt);
    }

    private static byte[] decodeBase64(String b64) {
        try {
            return B64D.decode(b64);
        } catch (IllegalArgumentException e) {
            throw new BadSignatureException("Signed payload is not valid URL-safe base64", e);
        }
    }

    /**
     * The first half of {@link #loads}: checks the signature (each secret's HMAC once) and the timestamp,
     * without decoding the payload. With {@link #decode} a caller can tell a value no secret signed from
     * one that verifies but cannot be read (the {@code sessions decode} command).
     *
     * @throws io.sessions4j.api.SignatureExpiredException if valid but older than {@code maxAge}
     * @throws BadSignatureException if the signature does not verify or the timestamp is malformed
     */
    public TimestampSigner.Unsigned verify(String signed, Duration maxAge, Instant now) {
        return signer.unsign(signed, maxAge, now);
    }

    /**
     * The second half of {@link #loads}: base64 and, when marked, bounded zlib decoding of a verified value.
     *
     * @throws BadSignatureException if the content is not valid base64 or zlib, or inflates beyond the limit
     */
    public Loaded decode(TimestampSigner.Unsigned unsigned) {
        return read(unsigned, LOADED);
    }

    private <T> T read(TimestampSigner.Unsigned unsigned, PayloadReader<T> reader) {
        String b64 = unsigned.value();
        boolean compressed = !b64.isEmpty() && b64.charAt(0) == '.';
        return read(decodeBase64(compressed ? b64.substring(1) : b64), compressed, unsigned.timestamp(), reader);
    }

    /** Python's {@code zlib.compress(data)} into {@code out}; returns its length, or -1 if it does not fit. */
    private static int deflateInto(byte[] data, byte[] out) {
        if (out.length == 0) {
            return -1;
        }
        // Default level (6), zlib wrapper, default memLevel and strategy: the same stream as Python's.
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(data);
            deflater.finish();
            int n = 0;
            while (!deflater.finished() && n < out.length) {
                n += deflater.deflate(out, n, out.length - n);
            }
            return deflater.finished() ? n : -1;
        } finally {
            deflater.end();
        }
    }

    /**
     * Python's {@code zlib.decompress} of {@code data[0, length)}, handed to {@code reader}, but never holding more
     * than {@code maxDecompressedBytes} of output. Like Python, bytes after the end of the zlib stream are ignored.
     */
    private <T> T inflate(byte[] data, int length, Instant signedAt, PayloadReader<T> reader) {
        int max = maxDecompressedBytes;
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, 0, length);
            // Inflated straight into the array handed on, grown by doubling up to the limit: no chunk, no copy
            // at the end. Past the limit only a one-byte probe is offered: any output there is too much.
            byte[] out = new byte[(int) Math.min(max, Math.max(256L, length * 4L))];
            byte[] probe = null;
            int total = 0;
            while (!inflater.finished()) {
                if (total == out.length && out.length < max) {
                    out = Arrays.copyOf(out, (int) Math.min(max, 2L * out.length));
                }
                boolean full = total == out.length;
                if (full && probe == null) {
                    probe = new byte[1];
                }
                long read = inflater.getBytesRead();
                int n = full ? inflater.inflate(probe) : inflater.inflate(out, total, out.length - total);
                if (n == 0) {
                    if (inflater.needsDictionary()) {
                        throw new BadSignatureException("Compressed payload needs a preset dictionary");
                    }
                    if (inflater.needsInput()) {
                        throw new BadSignatureException("Compressed payload is truncated");
                    }
                    if (inflater.getBytesRead() == read && !inflater.finished()) {
                        // zlib always progresses with input and output space; never spin if it did not.
                        throw new BadSignatureException("Signed payload is not valid zlib data");
                    }
                }
                if (full && n > 0) {
                    throw new BadSignatureException("Decompressed payload exceeds " + max + " bytes");
                }
                total += n;
            }
            return reader.read(out, 0, total, signedAt);
        } catch (DataFormatException e) {
            throw new BadSignatureException("Signed payload is not valid zlib data", e);
        } finally {
            inflater.end();
        }
    }

    /**
     * A verified, decoded payload.
     *
     * @param json the serialized data as signed (decompressed if it was compressed); the array is not
     *     copied and is owned by the caller, so record equality compares it by identity
     * @param timestamp when it was signed (whole seconds)
     */
    public record Loaded(byte[] json, Instant timestamp) {
    }
}
