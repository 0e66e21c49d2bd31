package io.sessions4j.bench;

import io.sessions4j.bench.system.BenchSystem;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** The floors: each storage driven directly, and the bare CPU cost of Jackson and HMAC. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class FloorBenchmark {
    @Param({"jdbc_h2", "jdbc_postgresql", "jedis", "ehcache", "ehcache_jdbc_h2", "jedis_jdbc_postgresql", "file",
            "jackson", "hmac", "jackson_hmac"})
    public String system;

    private BenchSystem target;
    private String[] keys;

    @Setup(Level.Trial)
    public void setUp() {
        target = Systems.acquire("floor", system);
        keys = target.keys().toArray(String[]::new);
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

    private String randomKey() {
        return keys[ThreadLocalRandom.current().nextInt(keys.length)];
    }
}
