package io.sessions4j.bench;

import io.sessions4j.bench.system.BenchSystem;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * READ, WRITE and CREATE against one {@link BenchSystem} of a family, chosen by the subclass's
 * {@code @Param system}: the harness the sessions4j, floor and Spring Session benchmarks share, so
 * they measure exactly the same loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public abstract class SystemBenchmark {
    private BenchSystem target;
    /** Each preloaded key's characters, from which every operation makes the key a request would carry. */
    private byte[][] keys;

    /** The family in {@link Systems}: sessions4j, floor or spring. */
    protected abstract String family();

    /** The system of the family, from the subclass's {@code @Param}. */
    protected abstract String system();

    @Setup(Level.Trial)
    public void setUp() {
        target = Systems.acquire(family(), system());
        keys = target.keys().stream().map(k -> k.getBytes(StandardCharsets.ISO_8859_1)).toArray(byte[][]::new);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Systems.release(target);
    }

    @Benchmark
    public Object read() {
        return target.read(randomKey());
    }

    @Benchmark
    public Object write() {
        return target.write(randomKey());
    }

    @Benchmark
    public Object create() {
        return target.create();
    }

    protected final BenchSystem target() {
        return target;
    }

    /**
     * A preloaded session's key as a server hands it to a request: a new String made from the request's bytes, whose
     * hash is not computed yet. Never the very String the system stored (as every run before 2026-12-01 19:00 passed):
     * a hash map holding that String — Ehcache's heap, the floor's as much as an engine's — matches it by identity
     * with its cached hash and never reads a character, which no request's lookup can do.
     */
    protected final String randomKey() {
        byte[] key = keys[ThreadLocalRandom.current().nextInt(keys.length)];
        return new String(key, 0, key.length, StandardCharsets.ISO_8859_1);
    }
}
