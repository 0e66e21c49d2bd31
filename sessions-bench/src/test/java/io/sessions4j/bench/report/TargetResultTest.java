package io.sessions4j.bench.report;

import static io.sessions4j.bench.report.PairedRatioTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetResultTest {
    private static TargetResult only(List<TargetResult> results, String engine, String op, int threads, String refFamily) {
        return results.stream().filter(r -> r.target().engine().equals(engine) && r.target().operation().equals(op)
                && r.target().threads() == threads && r.target().refFamily().equals(refFamily)).findFirst().orElseThrow();
    }

    private static List<Sample> pairs(String engine, String op, String refFamily, String refSystem, String refOp, int threads,
                                      double engineScore, double refScore) {
        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= 5; round++) {
            samples.add(sample("sessions4j", engine, op, threads, op, round, engineScore, false));
            samples.add(sample(refFamily, refSystem, refOp, threads, op, round, refScore, false));
        }
        return samples;
    }

    @Test
    void aTargetIsMetWhenTheMedianPairedRatioReachesIt() {
        List<TargetResult> results = TargetResult.evaluate(
                pairs("cache_ehcache", "read", "floor", "ehcache", "read", 1, 50, 100), RunHistory.empty(), "now");
        TargetResult ehcache = only(results, "cache_ehcache", "read", 1, "floor");
        assertThat(ehcache.target().required()).isEqualTo(0.5);
        assertThat(ehcache.ratio().median()).isCloseTo(0.5, within(1e-9));
        assertThat(ehcache.met()).isTrue();
    }

    @Test
    void aTargetBelowItsRatioIsMissed() {
        List<TargetResult> results = TargetResult.evaluate(
                pairs("cache_redis", "write", "floor", "jedis", "write", 4, 84, 100), RunHistory.empty(), "now");
        assertThat(only(results, "cache_redis", "write", 4, "floor").met()).isFalse();
    }

    @Test
    void aCycleIsComparedWithTheFloorWriteMeasuredBesideIt() {
        List<Sample> samples = new ArrayList<>(pairs("signed_cookies", "cycle", "floor", "jackson_hmac", "write", 1, 60, 100));
        // The floor's WRITE measured in its own slot (beside the engine's WRITE) is not the cycle's partner.
        samples.add(sample("floor", "jackson_hmac", "write", 1, "write", 1, 1_000_000, false));
        TargetResult cycle = only(TargetResult.evaluate(samples, RunHistory.empty(), "now"), "signed_cookies", "cycle", 1, "floor");
        assertThat(cycle.target().required()).isEqualTo(0.6);
        assertThat(cycle.ratio().median()).isCloseTo(0.6, within(1e-9));
        assertThat(cycle.met()).isTrue();
    }

    @Test
    void aTargetAskingForTwoRunsIsNotMetOnOneRun() {
        List<Sample> samples = pairs("db_postgresql", "write", "spring", "jdbc_postgresql", "write", 1, 200, 100);
        TargetResult first = only(TargetResult.evaluate(samples, RunHistory.empty(), "run 1"), "db_postgresql", "write", 1, "spring");
        assertThat(first.target().runsRequired()).isEqualTo(2);
        assertThat(first.ratio().reaches(1.5)).isTrue();
        assertThat(first.met()).isFalse();
    }

    @Test
    void aTargetAskingForTwoRunsIsMetWhenThePreviousRunMetItToo() {
        List<Sample> samples = pairs("db_postgresql", "write", "spring", "jdbc_postgresql", "write", 1, 200, 100);
        RunHistory history = RunHistory.empty();
        String id = only(TargetResult.evaluate(samples, history, "run 1"), "db_postgresql", "write", 1, "spring").target().id();
        history.record(id, new RunHistory.Entry("run 1", "abc", 1.6, 1.5, 1.7, 5));
        assertThat(only(TargetResult.evaluate(samples, history, "run 2"), "db_postgresql", "write", 1, "spring").met()).isTrue();

        RunHistory missedBefore = RunHistory.empty();
        missedBefore.record(id, new RunHistory.Entry("run 1", "abc", 1.4, 1.3, 1.6, 5));
        assertThat(only(TargetResult.evaluate(samples, missedBefore, "run 2"), "db_postgresql", "write", 1, "spring").met()).isFalse();
    }

    @Test
    void targetsWithoutPairsAreLeftOut() {
        assertThat(TargetResult.evaluate(List.of(sample("sessions4j", "db_h2", "read", 1, "read", 1, 10, false)),
                RunHistory.empty(), "now")).isEmpty();
    }

    @Test
    void theIssueTargetsAreAllThere() {
        assertThat(Target.ALL).anySatisfy(t -> {
            assertThat(t.id()).isEqualTo("cache_redis/write/t4 vs floor/jedis/write");
            assertThat(t.required()).isEqualTo(0.85);
        });
        assertThat(Target.ALL.stream().filter(t -> t.engine().equals("db_postgresql") && t.runsRequired() == 2)).hasSize(6);
        assertThat(Target.ALL.stream().filter(t -> t.engine().equals("signed_cookies") && t.threads() == 1))
                .singleElement().satisfies(t -> assertThat(t.required()).isEqualTo(0.6));
        assertThat(Target.ALL.stream().map(Target::id).distinct()).hasSameSizeAs(Target.ALL);
    }
}
