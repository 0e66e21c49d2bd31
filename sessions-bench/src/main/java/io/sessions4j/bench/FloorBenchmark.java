package io.sessions4j.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The floors: each storage driven directly, and the bare CPU cost of Jackson and HMAC. */
@State(Scope.Benchmark)
public class FloorBenchmark extends SystemBenchmark {
    @Param({"jdbc_h2", "jdbc_postgresql", "jedis", "jedis_valkey", "ehcache", "ehcache_jdbc_h2", "jedis_jdbc_postgresql", "file",
            "jackson", "hmac", "jackson_hmac"})
    public String system;

    @Override
    protected String family() {
        return "floor";
    }

    @Override
    protected String system() {
        return system;
    }
}
