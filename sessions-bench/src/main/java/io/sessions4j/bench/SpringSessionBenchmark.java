package io.sessions4j.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Spring Session on the same H2, PostgreSQL and Redis, doing the equivalent of READ, WRITE and CREATE. */
@State(Scope.Benchmark)
public class SpringSessionBenchmark extends SystemBenchmark {
    @Param({"jdbc_h2", "jdbc_postgresql", "redis"})
    public String system;

    @Override
    protected String family() {
        return "spring";
    }

    @Override
    protected String system() {
        return system;
    }
}
