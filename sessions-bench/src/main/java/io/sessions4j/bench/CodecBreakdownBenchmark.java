package io.sessions4j.bench;

import io.sessions4j.api.JsonSessionSerializer;
import io.sessions4j.spi.SignedJsonCodec;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.http.SessionCookie;
import io.sessions4j.api.signing.SignedPayload;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the time of the session codec goes, piece by piece, on the benchmark's payload: not part of
 * {@code run.sh}'s matrix, but the profile behind the analysis in {@code docs/benchmarks.md}. Run with
 * {@code java -cp target/classes:$(cat target/bench-classpath.txt) org.openjdk.jmh.Main CodecBreakdownBenchmark}.
 * Average time per call, in microseconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBreakdownBenchmark {
    private final Map<String, Object> payload = SessionPayload.of(1);
    private final SessionSettings settings = SessionSettings.of(Map.of("sessions.secret.key", BenchConfig.SECRET));
    /** The codec every server-side engine builds from default settings. */
    private final SignedJsonCodec codec = SessionContext.create(settings, Clock.systemUTC()).codec();
    /** The same with {@code sessions.signing.compress_min_bytes=0}: Django's own choice, always try zlib. */
    private final SignedJsonCodec djangoExact = SessionContext.create(
            settings.with("sessions.signing.compress_min_bytes", "0"), Clock.systemUTC()).codec();
    private final JsonSessionSerializer serializer = new JsonSessionSerializer();
    private final SignedPayload signing = new SignedPayload(BenchConfig.SECRET, List.of(),
            SignedPayload.SESSION_STORE_SALT);
    private final byte[] json = serializer.serialize(payload);
    private final String encoded = codec.encode(payload, Instant.now());
    private final String encodedCompressed = djangoExact.encode(payload, Instant.now());
    private final byte[] compressed = deflate(new Deflater(), json);
    private final SessionCookie cookie = new SessionCookie(settings);
    private final SessionEngine cookieEngine = SessionEngines.load(settings.with("sessions.engine", "signed_cookies"));
    private final Deflater reusedDeflater = new Deflater();
    private final Deflater fastDeflater = new Deflater(Deflater.BEST_SPEED);
    private final byte[] out = new byte[4096];

    /** Django's session_data as the engines write it by default: JSON, (zlib from 1 KiB,) base64, timestamp, HMAC. */
    @Benchmark
    public String codecEncode() {
        return codec.encode(payload, Instant.now());
    }

    /** The reverse: what every server-side load does. */
    @Benchmark
    public Map<String, Object> codecDecode() {
        return codec.decode(encoded, Instant.now()).orElseThrow().data();
    }

    /** Encoding as Django does, compressing whenever it shrinks the value. */
    @Benchmark
    public String codecEncodeCompressed() {
        return djangoExact.encode(payload, Instant.now());
    }

    /** Decoding a compressed value (what Django writes). */
    @Benchmark
    public Map<String, Object> codecDecodeCompressed() {
        return djangoExact.decode(encodedCompressed, Instant.now()).orElseThrow().data();
    }

    @Benchmark
    public byte[] jacksonSerialize() {
        return serializer.serialize(payload);
    }

    @Benchmark
    public Map<String, Object> jacksonDeserialize() {
        return serializer.deserialize(json);
    }

    /** Signing without compression: base64 + timestamp + HMAC. */
    @Benchmark
    public String signUncompressed() {
        return signing.dumps(json, false, Instant.now());
    }

    /** zlib level 6 with a new Deflater per call, as {@link SignedPayload} compresses. */
    @Benchmark
    public int deflateFreshDeflater() {
        Deflater deflater = new Deflater();
        try {
            return deflate(deflater, json).length;
        } finally {
            deflater.end();
        }
    }

    /** The same compression with one Deflater per thread, reset between calls. */
    @Benchmark
    public int deflateReusedDeflater() {
        reusedDeflater.reset();
        return deflate(reusedDeflater, json).length;
    }

    /** zlib at level 1 (still a zlib stream Django inflates), one Deflater per thread. */
    @Benchmark
    public int deflateBestSpeed() {
        fastDeflater.reset();
        return deflate(fastDeflater, json).length;
    }

    /** A new Inflater per call, as {@link SignedPayload} inflates. */
    @Benchmark
    public int inflateFreshInflater() throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            return inflater.inflate(out);
        } finally {
            inflater.end();
        }
    }

    /**
     * The signed-cookie engine's syntax check of the incoming cookie, through its public entry (a store is
     * opened lazily: the check is all it does before the first access).
     */
    @Benchmark
    public boolean cookieWellFormed() {
        return cookieEngine.open(encoded).getSessionKey() != null;
    }

    /** The {@code Set-Cookie} header of a cycle (HTTP date formatting). */
    @Benchmark
    public String setCookieHeader() {
        return cookie.set(encoded, 1_209_600L, Instant.now());
    }

    private static byte[] deflate(Deflater deflater, byte[] input) {
        byte[] buffer = new byte[input.length + 64];
        deflater.setInput(input);
        deflater.finish();
        int n = 0;
        while (!deflater.finished()) {
            n += deflater.deflate(buffer, n, buffer.length - n);
        }
        return java.util.Arrays.copyOf(buffer, n);
    }
}
