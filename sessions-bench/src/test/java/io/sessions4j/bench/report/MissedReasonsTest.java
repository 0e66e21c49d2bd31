package io.sessions4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MissedReasonsTest {
    private static final String ANALYSIS = """
            Some prose that is not a reason.

            - `db_h2/*`: in-memory H2 answers in a few µs; the decode alone costs ~3 µs.
            - `cache_redis/write`: the compare-and-set script costs Redis 13.5 µs of CPU.
            - `cache_redis/write/t4`: at 4 threads Redis competes for the two cores.
            - not a reason line
            """;

    private static Target target(String engine, String op, int threads) {
        return Target.ALL.stream().filter(t -> t.engine().equals(engine) && t.operation().equals(op) && t.threads() == threads)
                .findFirst().orElseThrow();
    }

    @Test
    void theMostSpecificReasonWins() {
        MissedReasons reasons = MissedReasons.parse(ANALYSIS);
        assertThat(reasons.reasonFor(target("cache_redis", "write", 1))).startsWith("the compare-and-set script");
        assertThat(reasons.reasonFor(target("cache_redis", "write", 4))).startsWith("at 4 threads");
    }

    @Test
    void aWildcardCoversEveryOperationOfItsEngine() {
        MissedReasons reasons = MissedReasons.parse(ANALYSIS);
        assertThat(reasons.reasonFor(target("db_h2", "read", 1))).startsWith("in-memory H2");
        assertThat(reasons.reasonFor(target("db_h2", "write", 4))).startsWith("in-memory H2");
    }

    @Test
    void aTargetWithoutReasonHasNone() {
        assertThat(MissedReasons.parse(ANALYSIS).reasonFor(target("cache_ehcache", "read", 1))).isNull();
    }
}
