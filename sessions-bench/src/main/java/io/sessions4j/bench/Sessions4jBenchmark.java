package io.sessions4j.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Benchmark;

/** Every sessions4j engine doing READ, WRITE, CREATE and the full request CYCLE. */
@State(Scope.Benchmark)
public class Sessions4jBenchmark extends SystemBenchmark {
    @Param({"db_h2", "db_postgresql", "cache_ehcache", "cache_redis", "cache_valkey", "cached_db_ehcache_h2",
            "cached_db_redis_postgresql", "file", "signed_cookies"})
    public String system;

    @Override
    protected String family() {
        return "sessions4j";
    }

    @Override
    protected String system() {
        return system;
    }

    @Benchmark
    public Object cycle() {
        return target().cycle(randomKey());
    }
}
